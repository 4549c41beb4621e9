package dev.relpromo.signing.command;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.signing.mac.BundleArchive;
import dev.relpromo.signing.mac.ExtractedBundle;
import dev.relpromo.signing.mac.MacBundle;
import dev.relpromo.signing.mac.MacChunks;
import dev.relpromo.signing.mac.MacSigningBackend;
import dev.relpromo.signing.mac.NotarizedBundle;
import dev.relpromo.signing.mac.SignedBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code command} mac backend: per bundle, extracts the repack (validated like every backend), runs the
 * operator's tool on the {@code .app} directory, and re-tars the result deterministically. Whether the result is
 * Apple-valid depends on the tool and its certificate, not on relpromo, and the summaries say exactly that.
 *
 * <p>Placeholders: {@value #BUNDLE} (absolute path of the {@code .app}), {@value #APP} (its name),
 * {@value #WORK_DIR} (the bundle's scratch directory), plus the operator's values. Values whose names are secret
 * ({@link Redactor#isSecretName} or listed) never appear in a log line or message.
 */
public final class CommandMacSigner implements MacSigningBackend {
    private static final Logger LOG = LoggerFactory.getLogger(CommandMacSigner.class);

    public static final String ID = "command";
    public static final String BUNDLE = "bundle";
    public static final String APP = "app";
    public static final String WORK_DIR = "work_dir";
    /** Placeholders the backend fills per bundle; operator values may not use these names. */
    public static final Set<String> BUILT_IN = Set.of(BUNDLE, APP, WORK_DIR);
    static final String RECORD_FORMAT = "relpromo-command-mac-notarization/1";
    static final String RECORD_NOTICE = "notarization and stapling were left to the external tool, which exited 0;"
            + " relpromo did not check Apple's verdict";

    /**
     * What the backend runs.
     *
     * @param values      operator values by placeholder name (e.g. {@code p12}, {@code password_file})
     * @param secretNames names of values to redact in addition to those secret by their name
     */
    public record Settings(CommandTemplate signCommand, CommandTemplate notarizeCommand, Map<String, String> values,
            Set<String> secretNames, Duration signTimeout, Duration notarizeTimeout) {
        public Settings {
            Objects.requireNonNull(signCommand, "signCommand");
            Objects.requireNonNull(notarizeCommand, "notarizeCommand");
            values = Map.copyOf(values);
            secretNames = Set.copyOf(secretNames);
            Objects.requireNonNull(signTimeout, "signTimeout");
            Objects.requireNonNull(notarizeTimeout, "notarizeTimeout");
        }

        /** A redactor for every secret value. */
        Redactor redactor() {
            return Redactor.of(values.entrySet().stream()
                    .filter(e -> secretNames.contains(e.getKey()) || Redactor.isSecretName(e.getKey()))
                    .map(Map.Entry::getValue).toList());
        }
    }

    private final Settings settings;
    private final Redactor redactor;

    public CommandMacSigner(Settings settings) {
        this.settings = settings;
        this.redactor = settings.redactor();
    }

    @Override
    public String id() {
        return ID;
    }

    /** {@code command (rcodesign)}: the program of the sign command. */
    @Override
    public String label() {
        return ID + " (" + redactor.redact(settings.signCommand().program()) + ")";
    }

    @Override
    public List<SignedBundle> sign(List<MacBundle> chunk, Path workDir) throws IOException {
        MacChunks.check(chunk);
        List<SignedBundle> signed = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            MacBundle bundle = chunk.get(i);
            Path dir = MacChunks.bundleDir(workDir, i);
            ExtractedBundle extracted = runOn(bundle, dir, settings.signCommand(), settings.signTimeout(), "sign");
            Path output = dir.resolve("signed").resolve("target.tar.gz");
            int entries = BundleArchive.pack(extracted, output);
            deleteTree(extracted);
            String summary = extracted.app() + " of " + bundle.repackId() + ": signed by the external tool "
                    + label() + " (Apple validity depends on that tool and its certificate), " + entries + " entries";
            LOG.info("mac signing, {}: {}", label(), summary);
            signed.add(new SignedBundle(bundle.repackId(), extracted.app(), output, summary));
        }
        return signed;
    }

    @Override
    public List<NotarizedBundle> notarize(List<MacBundle> chunk, Path workDir) throws IOException {
        MacChunks.check(chunk);
        List<NotarizedBundle> notarized = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            MacBundle bundle = chunk.get(i);
            Path dir = MacChunks.bundleDir(workDir, i);
            ExtractedBundle extracted = runOn(bundle, dir, settings.notarizeCommand(), settings.notarizeTimeout(),
                    "notarize");
            Path output = dir.resolve("notarized").resolve("target.tar.gz");
            BundleArchive.pack(extracted, output);
            deleteTree(extracted);
            Path record = Files.write(dir.resolve(NOTARIZATION_RECORD), record(extracted.app()));
            String summary = extracted.app() + " of " + bundle.repackId() + ": notarization command "
                    + label() + " succeeded (whether Apple notarized and stapled it is up to that tool)";
            LOG.info("mac notarization, {}: {}", label(), summary);
            notarized.add(new NotarizedBundle(bundle.repackId(), extracted.app(), output, record, summary));
        }
        return notarized;
    }

    private ExtractedBundle runOn(MacBundle bundle, Path dir, CommandTemplate template, Duration timeout, String step)
            throws IOException {
        ExtractedBundle extracted;
        try {
            extracted = BundleArchive.extract(bundle.archive(), dir.resolve("tree"));
        } catch (TaskFailureException e) {
            throw new TaskFailureException("refusing " + bundle.archive().getFileName() + " of " + bundle.repackId()
                    + " (" + label() + "): " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>(settings.values());
        values.put(BUNDLE, extracted.appDir().toAbsolutePath().toString());
        values.put(APP, extracted.app());
        values.put(WORK_DIR, dir.toAbsolutePath().toString());
        ExternalCommand command = new ExternalCommand(template.render(values), dir, timeout, redactor);
        try {
            command.run();
        } catch (ExternalCommandException e) {
            throw new TaskFailureException("mac " + step + " of " + bundle.repackId() + " (" + extracted.app()
                    + ") failed: " + e.getMessage(), e);
        }
        return extracted;
    }

    /** The extracted tree is scratch once packed; 5 bundles of a few hundred MB add up. */
    private static void deleteTree(ExtractedBundle extracted) throws IOException {
        MacChunks.deleteTree(extracted.root());
    }

    /** No output, no times: the record is the same on every successful rerun. */
    private byte[] record(String app) {
        String json = "{\n"
                + "  \"format\": \"" + RECORD_FORMAT + "\",\n"
                + "  \"backend\": \"command\",\n"
                + "  \"notarized_by_apple\": null,\n"
                + "  \"notice\": \"" + RECORD_NOTICE + "\",\n"
                + "  \"app\": " + jsonString(app) + ",\n"
                + "  \"command\": " + jsonString(redactor.redact(settings.notarizeCommand().toString())) + ",\n"
                + "  \"exit_code\": 0\n"
                + "}\n";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
