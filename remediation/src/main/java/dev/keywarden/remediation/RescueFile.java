package dev.keywarden.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keywarden.report.ReportFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A replacement the issuer made but no store took yet. Issuing is never repeated (GitLab's rotate has already
 * revoked the old token; AWS shows a new key's secret once), so if the store write fails the new credential would
 * otherwise be lost and the service left with none. It is kept here — beside the state file, mode 0600, in the
 * folder git ignores — until a later {@code --apply} stores it, and deleted then. The one file remediation writes
 * that holds a secret.
 */
final class RescueFile {
    private final Path dir;

    RescueFile(Path stateFile) {
        this.dir = stateFile.toAbsolutePath().getParent();
    }

    Path path(Leak leak) {
        return dir.resolve("rescue-" + leak.fingerprint() + ".json");
    }

    void save(Leak leak, Issued issued) throws RemediationException {
        Path file = path(leak);
        try {
            PrivateFiles.createParent(file);
            ReportFile.write(file, out -> ProviderHttp.JSON.writeValue(out, Map.of("reference", issued.reference(),
                    "parts", issued.parts())));
        } catch (IOException e) {
            throw RemediationException.io(file + ": cannot keep the issued replacement: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    Optional<Issued> load(Leak leak) throws RemediationException {
        Path file = path(leak);
        try {
            JsonNode node = ProviderHttp.JSON.readTree(Files.readAllBytes(file));
            Map<String, String> parts = new LinkedHashMap<>();
            node.path("parts").properties().forEach(e -> parts.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new Issued(parts, node.path("reference").asText(), Optional.empty()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw RemediationException.io(file + ": cannot read the kept replacement: " + e.getClass()
                    .getSimpleName(), e);
        }
    }

    void delete(Leak leak) throws RemediationException {
        try {
            Files.deleteIfExists(path(leak));
        } catch (IOException e) {
            throw RemediationException.io(path(leak) + ": cannot delete the stored replacement's copy: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
