package dev.keywarden.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.remediation.testing.Leaks;
import dev.keywarden.remediation.testing.Scans;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector keywarden has never seen: compiled in the test from source against the SPI alone, packed in its own jar
 * with a {@code META-INF/services} entry, dropped in a plugins folder — and found by {@link java.util.ServiceLoader},
 * routed a rule no built-in connector handles, planned, applied and audited like the built-in ones.
 */
class ThirdPartyConnectorTest {
    @TempDir
    Path dir;

    Path plugins;
    Path calls;

    static final String PROVIDER = """
            package com.example.acme;

            import dev.keywarden.remediation.*;
            import java.nio.file.*;
            import java.util.Set;

            public final class AcmeProvider implements ConnectorProvider {
                public String id() { return "acme"; }
                public Connector.Kind kind() { return Connector.Kind.REVOKER; }
                public String description() { return "ACME payment keys (third party)"; }
                public Set<String> defaultRules() { return Set.of("stripe-secret-key"); }
                public Connector create(ConnectorSettings settings) throws ConnectorException {
                    Path log = Path.of(settings.option("log").orElseThrow(
                            () -> ConnectorException.unsupported("acme: set log")));
                    return new Revoker() {
                        public String id() { return "acme"; }
                        public boolean accepts(Leak leak) { return leak.secret().startsWith("sk_"); }
                        public String target(Leak leak) { return "ACME account"; }
                        public Check check(Leak leak) {
                            try {
                                if (Files.exists(log) && Files.readString(log).contains(leak.secretSha256())) {
                                    return Check.dead("rolled");
                                }
                            } catch (java.io.IOException e) {
                                return Check.unknown("acme: " + e);
                            }
                            return Check.live("acme-merchant", "third-party check");
                        }
                        public Receipt revoke(Leak leak) throws ConnectorException {
                            try {
                                Files.writeString(log, "revoked " + leak.secretSha256() + "\\n",
                                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                            } catch (java.io.IOException e) {
                                throw new ConnectorException(ConnectorException.Kind.NETWORK, "acme: " + e);
                            }
                            return Receipt.of("acme-1", "rolled");
                        }
                    };
                }
            }
            """;

    @BeforeEach
    void buildThePluginJar() throws IOException {
        Path src = dir.resolve("src/com/example/acme/AcmeProvider.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, PROVIDER);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "the plugin compiles against the SPI");
        plugins = Files.createDirectories(dir.resolve("plugins"));
        try (OutputStream file = Files.newOutputStream(plugins.resolve("acme-connector.jar"));
             JarOutputStream jar = new JarOutputStream(file)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path c : walk.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(c));
                    jar.closeEntry();
                }
            }
            jar.putNextEntry(new JarEntry("META-INF/services/" + ConnectorProvider.class.getName()));
            jar.write("com.example.acme.AcmeProvider\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        calls = dir.resolve("acme-calls.txt");
    }

    @Test
    void notOnTheClassPathUntilThePluginsFolderIsGiven() throws Exception {
        try (Connectors without = Connectors.discover(RemediationConfig.empty(), Optional.empty(), n -> null)) {
            assertFalse(without.providers().containsKey("acme"));
            assertEquals(7, without.providers().size(), without.providers().keySet().toString());
        }
        try (Connectors with = Connectors.discover(RemediationConfig.empty(), Optional.of(plugins), n -> null)) {
            assertEquals("ACME payment keys (third party)", with.providers().get("acme").description());
            assertEquals(Optional.of("acme"), with.revokerFor("stripe-secret-key"));
        }
    }

    @Test
    void aPluginConnectorRemediatesLikeABuiltInOne() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        String key = "sk" + "_live_" + new Leaks(5).fake().chars(dev.keywarden.testing.FakeSecrets.BASE62, 32);
        Files.writeString(work.resolve("billing.properties"), "payments.key=" + key + "\n");
        Harness h = new Harness(work, Scans.files(work, work.resolve("findings.json")), """
                [remediation]
                plugins = "%s"
                [remediation.connectors.acme]
                log = "%s"
                """.formatted(plugins.toString().replace('\\', '/'), calls.toString().replace('\\', '/')));

        Plan.Actionable plan = assertInstanceOf(Plan.Actionable.class, h.run(Remediation.Mode.PLAN).plan().items()
                .get(0));
        assertEquals("acme", plan.revoker());
        assertEquals("acme-merchant", plan.check().owner().orElseThrow());
        assertFalse(Files.exists(calls));

        assertTrue(h.run(Remediation.Mode.APPLY).complete());
        assertEquals(List.of("revoked " + Leak.sha256(key)), Files.readAllLines(calls));
        var revoked = h.audit().stream().filter(l -> l.path("action").asText().equals("revoke")).toList();
        assertEquals(1, revoked.size());
        assertEquals(Map.of("connector", "acme", "outcome", "ok", "requestId", "acme-1"), Map.of(
                "connector", revoked.get(0).path("connector").asText(),
                "outcome", revoked.get(0).path("outcome").asText(),
                "requestId", revoked.get(0).path("requestId").asText()));
        h.run(Remediation.Mode.APPLY);
        assertEquals(1, Files.readAllLines(calls).size(), "state keeps a plugin idempotent too");
        Files.delete(calls); // the provider forgets: the state file says revoked, the re-check says live
        h.run(Remediation.Mode.APPLY);
        assertEquals(1, Files.readAllLines(calls).size(), "revoked again after the re-check");
    }
}
