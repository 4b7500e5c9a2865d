// Verification helper: prints what Apache Tika extracts from each sample-corpus file and checks questions.jsonl.
// Run from the repository root:  java -cp "$(cat /tmp/cp.txt)" sample-corpus/src/TikaDump.java [--xhtml] [file ...]
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.*;
import org.apache.tika.sax.ToXMLContentHandler;

public class TikaDump {
    static final Path DIR = Paths.get("sample-corpus");

    public static void main(String[] args) throws Exception {
        boolean xhtml = Arrays.asList(args).contains("--xhtml");
        List<String> files = new ArrayList<>();
        for (String a : args) if (!a.startsWith("--")) files.add(a);
        Map<String, String> xhtmlByFile = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(DIR)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) || n.equals("README.md") || n.equals("questions.jsonl")) continue;
                xhtmlByFile.put(n, null);
            }
        }
        AutoDetectParser parser = new AutoDetectParser();
        for (String n : xhtmlByFile.keySet()) {
            Metadata md = new Metadata();
            md.set(TikaCoreProperties.RESOURCE_NAME_KEY, n);
            ToXMLContentHandler h = new ToXMLContentHandler();
            try (InputStream in = Files.newInputStream(DIR.resolve(n))) {
                parser.parse(in, h, md, new ParseContext());
            }
            String x = h.toString();
            xhtmlByFile.put(n, x);
            String text = x.replaceAll("<[^>]+>", "");
            System.out.printf("== %s: Content-Type=%s Content-Encoding=%s chars=%d headings=%s tables=%d pages=%d%n", n,
                    md.get(Metadata.CONTENT_TYPE), md.get(Metadata.CONTENT_ENCODING), text.strip().length(),
                    count(x, "<h[1-6][ >]"), count(x, "<table"), count(x, "<div class=\"page\""));
            if (files.contains(n)) System.out.println(xhtml ? x : text);
        }
        // questions
        Path q = DIR.resolve("questions.jsonl");
        if (!Files.exists(q)) return;
        Pattern f = Pattern.compile("\"(question|source|answer)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"|\"page\"\\s*:\\s*(null|\\d+)");
        int ok = 0, bad = 0;
        Map<String, Integer> perSource = new TreeMap<>();
        for (String line : Files.readAllLines(q, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            Map<String, String> o = new HashMap<>();
            Matcher m = f.matcher(line);
            while (m.find()) {
                if (m.group(1) != null) o.put(m.group(1), m.group(2).replace("\\\"", "\""));
                else o.put("page", m.group(3));
            }
            String src = o.get("source"), ans = o.get("answer"), page = o.get("page");
            perSource.merge(src, 1, Integer::sum);
            String x = xhtmlByFile.get(src);
            String where;
            if (x == null) where = "MISSING SOURCE";
            else {
                String scope = x;
                if (page != null && !page.equals("null")) {
                    String[] pages = x.split("<div class=\"page\">");
                    int p = Integer.parseInt(page);
                    scope = p < pages.length ? pages[p] : "";
                }
                String text = unescape(scope.replaceAll("<[^>]+>", ""));
                where = text.contains(ans) ? "OK" : "NOT FOUND";
            }
            if (where.equals("OK")) ok++; else bad++;
            System.out.printf("[%s] %s p=%s | %s -> %s%n", where, src, page, o.get("question"), ans);
        }
        System.out.println("questions per source: " + perSource);
        System.out.println("answers found: " + ok + ", not found: " + bad);
        if (bad > 0) System.exit(1);
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    static int count(String s, String re) {
        Matcher m = Pattern.compile(re).matcher(s);
        int c = 0;
        while (m.find()) c++;
        return c;
    }
}
