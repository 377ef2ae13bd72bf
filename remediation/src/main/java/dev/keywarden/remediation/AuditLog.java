package dev.keywarden.remediation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only audit log: one JSON object per line and per provider call (checks included), mode 0600, each
 * line written whole and forced to disk before the run goes on. Records the SHA-256 of the secret, never the
 * secret; errors are the connectors' messages, which never hold one either.
 */
public final class AuditLog {
    /**
     * One line.
     *
     * @param outcome {@code ok}, {@code failed}, {@code skipped}, {@code interrupted}, or a check's liveness
     */
    public record Entry(String fingerprint, String secretSha256, String ruleId, String connector, String action,
                        String target, Optional<String> requestId, String outcome, Optional<String> error) {
    }

    private final Path file;
    private final Clock clock;
    private final String runId;

    public AuditLog(Path file, Clock clock, String runId) {
        this.file = file;
        this.clock = clock;
        this.runId = runId;
    }

    public Path path() {
        return file;
    }

    public void append(Entry e) throws RemediationException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("run", runId);
        line.put("fingerprint", e.fingerprint());
        line.put("secretSha256", e.secretSha256());
        line.put("rule", e.ruleId());
        line.put("connector", e.connector());
        line.put("action", e.action());
        line.put("target", e.target());
        line.put("requestId", e.requestId().orElse(null));
        line.put("outcome", e.outcome());
        line.put("error", e.error().orElse(null));
        try {
            byte[] bytes = (ProviderHttp.JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            PrivateFiles.createParent(file);
            try (FileChannel out = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND), PrivateFiles.fileAttributes())) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            PrivateFiles.restrict(file);
        } catch (IOException ex) {
            throw RemediationException.io(file + ": cannot append to the audit log: " + ex.getClass().getSimpleName(),
                    ex);
        }
    }
}
