package dev.relpromo.signing.mac;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.signing.GpgSigner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code local} mac backend: <b>not Apple-valid</b>, and it says so everywhere. There is no Apple certificate
 * outside Apple's program, so instead of pretending, it records what it can honestly vouch for:
 * <ul>
 *   <li>{@link #sign}: writes {@code <App>.app/Contents/_CodeSignature/relpromo-local-manifest.json} (every entry
 *       with its mode, size and SHA-256, {@code "apple_valid": false}) and a detached OpenPGP signature of it made
 *       with the local key ({@code .asc}), then re-tars the bundle deterministically;</li>
 *   <li>{@link #notarize}: checks that manifest (signature by the local key, every entry matching, nothing missing or
 *       extra), passes the archive on unchanged, and writes a record saying no Apple notarization took place.</li>
 * </ul>
 * macOS Gatekeeper rejects such bundles; they are for the embedded stack, tests and demos.
 */
public final class LocalManifestMacSigner implements MacSigningBackend {
    private static final Logger LOG = LoggerFactory.getLogger(LocalManifestMacSigner.class);

    public static final String ID = "local";
    public static final String LABEL = "local (not Apple-valid)";
    /** The record's notice, next to {@code "notarized_by_apple": false}. */
    public static final String NOTARIZATION_NOTICE = "local relpromo check: NO Apple notarization took place and no"
            + " ticket was stapled; macOS Gatekeeper will not accept this bundle";
    static final String RECORD_FORMAT = "relpromo-local-mac-notarization/1";

    private final GpgSigner signer;

    public LocalManifestMacSigner(GpgSigner signer) {
        this.signer = signer;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public List<SignedBundle> sign(List<MacBundle> chunk, Path workDir) throws IOException {
        MacChunks.check(chunk);
        List<SignedBundle> signed = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            signed.add(signOne(chunk.get(i), MacChunks.bundleDir(workDir, i)));
        }
        LOG.info("mac signing, {}: signed {} bundles with OpenPGP key {}", LABEL, signed.size(), signer.fingerprint());
        return signed;
    }

    private SignedBundle signOne(MacBundle bundle, Path dir) throws IOException {
        ExtractedBundle extracted = extract(bundle, dir.resolve("tree"));
        Path signatureDir = extracted.appDir().resolve(LocalManifest.DIRECTORY);
        if (Files.exists(signatureDir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(signatureDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new TaskFailureException("cannot sign " + bundle.repackId() + ": " + extracted.app() + "/"
                    + LocalManifest.DIRECTORY + " exists and is not a directory");
        }
        Files.createDirectories(signatureDir);
        // An earlier local manifest (re-signing a signed bundle) is replaced, not listed: re-signing is idempotent.
        Files.deleteIfExists(signatureDir.resolve(LocalManifest.FILE));
        Files.deleteIfExists(signatureDir.resolve(LocalManifest.SIGNATURE));
        List<LocalManifest.ManifestEntry> entries = LocalManifest.scan(extracted);
        byte[] manifest = LocalManifest.render(extracted.app(), signer.fingerprint(), entries);
        Files.write(signatureDir.resolve(LocalManifest.FILE), manifest);
        Files.write(signatureDir.resolve(LocalManifest.SIGNATURE), signer.signDetached(new ByteArrayInputStream(manifest)));
        Path output = dir.resolve("signed").resolve("target.tar.gz");
        BundleArchive.pack(extracted, output);
        MacChunks.deleteTree(extracted.root()); // only the archive is a result
        String summary = extracted.app() + " of " + bundle.repackId() + ": " + LABEL + " signature, " + entries.size()
                + " entries in " + LocalManifest.FILE + ", signed with OpenPGP key " + signer.fingerprint();
        LOG.info("mac signing, {}: {}", LABEL, summary);
        return new SignedBundle(bundle.repackId(), extracted.app(), output, summary);
    }

    @Override
    public List<NotarizedBundle> notarize(List<MacBundle> chunk, Path workDir) throws IOException {
        MacChunks.check(chunk);
        List<NotarizedBundle> notarized = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            notarized.add(notarizeOne(chunk.get(i), MacChunks.bundleDir(workDir, i)));
        }
        LOG.info("mac notarization, {}: checked {} bundles; none was sent to Apple", LABEL, notarized.size());
        return notarized;
    }

    private NotarizedBundle notarizeOne(MacBundle bundle, Path dir) throws IOException {
        ExtractedBundle extracted = extract(bundle, dir.resolve("tree"));
        String app = extracted.app();
        Path manifestFile = extracted.appDir().resolve(LocalManifest.PATH);
        Path signatureFile = extracted.appDir().resolve(LocalManifest.SIGNATURE_PATH);
        for (Path required : List.of(manifestFile, signatureFile)) {
            if (!Files.isRegularFile(required, LinkOption.NOFOLLOW_LINKS)) {
                throw new TaskFailureException("cannot notarize " + bundle.repackId() + " (" + LABEL + "): " + app + "/"
                        + extracted.appDir().relativize(required) + " is missing; the bundle was not signed by the"
                        + " local backend");
            }
        }
        byte[] manifest = Files.readAllBytes(manifestFile);
        DetachedSignature.verify(signer.armoredPublicKey(), manifest, Files.readAllBytes(signatureFile),
                app + "/" + LocalManifest.PATH + " of " + bundle.repackId());
        ManifestCheck.Counts counts;
        try {
            counts = ManifestCheck.compare(app, LocalManifest.parse(manifest, app), LocalManifest.scan(extracted));
        } catch (TaskFailureException e) {
            throw new TaskFailureException("cannot notarize " + bundle.repackId() + " (" + LABEL + "): " + e.getMessage(), e);
        }
        Path output = dir.resolve("notarized").resolve("target.tar.gz");
        Files.createDirectories(output.getParent());
        Files.copy(bundle.archive(), output, StandardCopyOption.REPLACE_EXISTING);
        Path record = dir.resolve(NOTARIZATION_RECORD);
        Files.write(record, record(app, LocalManifest.sha256(manifest), counts));
        MacChunks.deleteTree(extracted.root()); // only the archive and the record are results
        String summary = app + " of " + bundle.repackId() + ": " + LABEL + " notarization check, "
                + counts.sentence() + "; not notarized by Apple, nothing stapled";
        LOG.info("mac notarization, {}: {}", LABEL, summary);
        return new NotarizedBundle(bundle.repackId(), app, output, record, summary);
    }

    private byte[] record(String app, String manifestSha256, ManifestCheck.Counts counts) {
        String json = "{\n"
                + "  \"format\": " + Json.string(RECORD_FORMAT) + ",\n"
                + "  \"backend\": \"local\",\n"
                + "  \"notarized_by_apple\": false,\n"
                + "  \"stapled\": false,\n"
                + "  \"notice\": " + Json.string(NOTARIZATION_NOTICE) + ",\n"
                + "  \"app\": " + Json.string(app) + ",\n"
                + "  \"checked\": " + Json.string(counts.sentence()) + ",\n"
                + "  \"manifest_sha256\": " + Json.string(manifestSha256) + ",\n"
                + "  \"signing_key\": " + Json.string(signer.fingerprint()) + "\n"
                + "}\n";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static ExtractedBundle extract(MacBundle bundle, Path into) throws IOException {
        try {
            return BundleArchive.extract(bundle.archive(), into);
        } catch (TaskFailureException e) {
            throw new TaskFailureException("refusing " + bundle.archive().getFileName() + " of " + bundle.repackId()
                    + " (" + LABEL + "): " + e.getMessage(), e);
        }
    }
}
