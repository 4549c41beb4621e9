package dev.relpromo.launcher;

import dev.relpromo.events.Service;
import dev.relpromo.kit.work.TaskHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The task handlers of every worker service module on the classpath, found by scanning each worker's package
 * ({@code dev.relpromo.<service id>}, where its module keeps its classes) rather than from a hand-written list, so a
 * new handler or module is checked without editing the test. A handler declares what it handles as
 * {@code public static final Set<String> KINDS}.
 */
final class ServiceHandlers {
    private ServiceHandlers() {
    }

    /** One handler class, the service whose package holds it, and the kinds it declares. */
    record Found(Service service, Class<?> handler, Set<String> kinds) {
    }

    static List<Found> all() {
        List<Found> found = new ArrayList<>();
        for (Service service : Service.WORKERS) {
            for (String className : classNames("dev/relpromo/" + service.id())) {
                Class<?> c = load(className);
                if (TaskHandler.class.isAssignableFrom(c) && !c.isInterface()
                        && !Modifier.isAbstract(c.getModifiers())) {
                    found.add(new Found(service, c, kinds(c)));
                }
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> kinds(Class<?> handler) {
        try {
            Field field = handler.getField("KINDS");
            if (!Modifier.isStatic(field.getModifiers()) || !Set.class.isAssignableFrom(field.getType())) {
                throw new AssertionError(handler.getName() + ".KINDS must be a public static Set<String>");
            }
            return Set.copyOf((Set<String>) field.get(null));
        } catch (NoSuchFieldException e) {
            throw new AssertionError(handler.getName() + " declares no kinds: a task handler lists the kinds it"
                    + " handles as public static final Set<String> KINDS", e);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** The classes below a package directory, in every classpath root (directory or jar) that has it. */
    private static Set<String> classNames(String packageDir) {
        Set<String> names = new TreeSet<>();
        try {
            for (URL root : Collections.list(ServiceHandlers.class.getClassLoader().getResources(packageDir))) {
                if (root.getProtocol().equals("file")) {
                    Path dir = Path.of(root.toURI());
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.map(f -> packageDir + "/" + dir.relativize(f).toString().replace('\\', '/'))
                                .forEach(entry -> addClass(entry, names));
                    }
                } else if (root.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(packageDir + "/"))
                                .forEach(entry -> addClass(entry, names));
                    }
                } else {
                    throw new AssertionError("cannot scan " + root + " for task handlers");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    private static void addClass(String entry, Set<String> names) {
        if (entry.endsWith(".class") && !entry.endsWith("package-info.class") && !entry.endsWith("module-info.class")) {
            names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, ServiceHandlers.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("listed but not loadable: " + className, e);
        }
    }
}
