package dev.yunrag.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Who changed what, when: one line per admin action (upload, delete; backup,
 * restore and re-index from the command line) in the log category {@code yunrag.audit}, naming
 * the key by its label ("key 1"; never the secret), the collection, the files or document, and the outcome. The time
 * is the log line's own. Route the category to a file of its own with Quarkus's log handlers (docs/configuration.md).
 */
@ApplicationScoped
public class AuditLog {

    public static final String CATEGORY = "yunrag.audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    @Inject
    AccessPolicy policy;

    public void uploaded(String collection, List<String> files, String outcome) {
        LOG.infof("who=%s action=upload collection=%s files=%s outcome=%s", policy.who(), collection,
                files.stream().map(AuditLog::quoted).toList(), outcome);
    }

    public void deleted(String collection, String documentId, String source, String outcome) {
        LOG.infof("who=%s action=delete collection=%s document=%s source=%s outcome=%s", policy.who(), collection,
                documentId, quoted(source), outcome);
    }

    /**
     * An action taken on the command line (backup, restore, re-index with another model), by the operating-system
     * user who ran it; {@code detail} names what was read or written (a path, a model), {@code outcome} how it ended.
     */
    public void operator(String action, String collection, String detail, String outcome) {
        LOG.infof("who=%s action=%s collection=%s detail=%s outcome=%s", "operator:" + System.getProperty("user.name"),
                action, collection, quoted(detail), quoted(outcome));
    }

    /** Client-supplied names in quotes with line breaks escaped, so that a name cannot forge an audit line. */
    static String quoted(String text) {
        if (text == null) {
            return "-";
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                + "\"";
    }
}
