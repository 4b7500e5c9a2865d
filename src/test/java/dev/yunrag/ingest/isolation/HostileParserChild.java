package dev.yunrag.ingest.isolation;

import dev.yunrag.ingest.DocumentParser;
import java.lang.reflect.Field;

/**
 * A parser process that misbehaves on cue, as a hostile file makes a real parser do: a file named {@code spin*} sends
 * it into a loop that ignores interrupts (a PDFBox loop on a corrupt font, in the wild), {@code exit*} calls
 * {@code System.exit}, {@code segv*} crashes the JVM with a segmentation fault. Other files parse normally.
 */
public final class HostileParserChild {

    private HostileParserChild() {
    }

    public static void main(String[] args) throws Exception {
        ParserChild.serve(parser -> (DocumentParser) (file, source) -> {
            String name = file.getFileName().toString();
            if (name.startsWith("spin")) {
                spinIgnoringInterrupts();
            } else if (name.startsWith("exit")) {
                System.exit(7);
            } else if (name.startsWith("segv")) {
                segfault();
            }
            return parser.parse(file, source);
        });
        System.exit(0);
    }

    @SuppressWarnings("InfiniteLoopStatement")
    private static void spinIgnoringInterrupts() {
        long counter = 0;
        while (true) {
            counter += System.nanoTime() % 7;
            Thread.interrupted(); // swallow every interrupt
            if (counter == Long.MIN_VALUE) {
                break;
            }
        }
    }

    private static void segfault() {
        try {
            Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            field.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
            unsafe.putAddress(0, 0);
        } catch (ReflectiveOperationException e) {
            Runtime.getRuntime().halt(139);
        }
    }
}
