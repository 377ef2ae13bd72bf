package dev.keywarden.remediation;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The connectors on offer: every {@link ConnectorProvider} that {@link ServiceLoader} finds on the class path and in
 * the jars of the plugins folder, each created once, on first use, from its configuration.
 */
public final class Connectors implements AutoCloseable {
    private final Map<String, ConnectorProvider> providers;
    private final RemediationConfig config;
    private final Function<String, String> environment;
    private final Map<String, Connector> created = new HashMap<>();
    private final Optional<URLClassLoader> pluginLoader;

    private Connectors(Map<String, ConnectorProvider> providers, RemediationConfig config,
                       Function<String, String> environment, Optional<URLClassLoader> pluginLoader) {
        this.providers = providers;
        this.config = config;
        this.environment = environment;
        this.pluginLoader = pluginLoader;
    }

    /** Discovers providers on the class path, and in {@code *.jar} files of the plugins folder when there is one. */
    public static Connectors discover(RemediationConfig config, Optional<Path> pluginsDir,
                                      Function<String, String> environment) throws RemediationException {
        Optional<URLClassLoader> plugins = Optional.empty();
        ClassLoader loader = Connectors.class.getClassLoader();
        if (pluginsDir.isPresent()) {
            plugins = Optional.of(pluginLoader(pluginsDir.get(), loader));
            loader = plugins.get();
        }
        Map<String, ConnectorProvider> found = new TreeMap<>();
        try {
            for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class, loader)) {
                ConnectorProvider earlier = found.putIfAbsent(p.id(), p);
                if (earlier != null && earlier.getClass() != p.getClass()) {
                    throw RemediationException.usage("two connectors share the id '" + p.id() + "': "
                            + earlier.getClass().getName() + " and " + p.getClass().getName());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw RemediationException.usage("a connector could not be loaded: " + e.getMessage());
        }
        return new Connectors(found, config, environment, plugins);
    }

    private static URLClassLoader pluginLoader(Path dir, ClassLoader parent) throws RemediationException {
        if (!Files.isDirectory(dir)) {
            throw RemediationException.usage("plugins folder " + dir + " is not a directory");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw RemediationException.usage("plugins folder " + dir + ": " + e.getMessage());
        } catch (IOException e) {
            throw RemediationException.io("cannot list plugins folder " + dir + ": " + e.getClass().getSimpleName());
        }
        return new URLClassLoader("keywarden-plugins", jars.toArray(URL[]::new), parent);
    }

    public Map<String, ConnectorProvider> providers() {
        return providers;
    }

    /** The revoker for a rule: the configured one, else the first provider (by id) that lists the rule. */
    public Optional<String> revokerFor(String ruleId) {
        Optional<String> configured = config.route(ruleId).revoker();
        if (configured.isPresent()) {
            return configured;
        }
        return providers.values().stream().filter(p -> p.kind() == Connector.Kind.REVOKER)
                .filter(p -> p.defaultRules().contains(ruleId)).map(ConnectorProvider::id).findFirst();
    }

    public Revoker revoker(String id) throws RemediationException, ConnectorException {
        if (get(id) instanceof Revoker r) {
            return r;
        }
        throw RemediationException.usage("connector '" + id + "' is a store, not a revoker");
    }

    public Store store(String id) throws RemediationException, ConnectorException {
        if (get(id) instanceof Store s) {
            return s;
        }
        throw RemediationException.usage("connector '" + id + "' is a revoker, not a store");
    }

    private Connector get(String id) throws RemediationException, ConnectorException {
        Connector c = created.get(id);
        if (c != null) {
            return c;
        }
        ConnectorProvider p = providers.get(id);
        if (p == null) {
            throw RemediationException.usage("no connector '" + id + "' (known: " + String.join(", ",
                    providers.keySet()) + ")");
        }
        c = p.create(new ConnectorSettings(id, config.connectorOptions(id), environment, config.timeout()));
        created.put(id, c);
        return c;
    }

    @Override
    public void close() {
        pluginLoader.ifPresent(l -> {
            try {
                l.close();
            } catch (IOException e) {
                // nothing was written through it
            }
        });
    }
}
