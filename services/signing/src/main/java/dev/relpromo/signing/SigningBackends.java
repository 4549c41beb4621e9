package dev.relpromo.signing;

import dev.relpromo.signing.authenticode.AuthenticodeBackend;
import dev.relpromo.signing.authenticode.LocalAuthenticodeBackend;
import dev.relpromo.signing.authenticode.LocalAuthenticodeKeys;
import dev.relpromo.signing.autograph.AutographAuthenticodeBackend;
import dev.relpromo.signing.autograph.AutographClient;
import dev.relpromo.signing.autograph.AutographGpgSigner;
import dev.relpromo.signing.autograph.HawkCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Which backend signs each format, read from flat settings (to be bound to Micronaut configuration later):
 *
 * <pre>
 * relpromo.signing.gpg.backend=local                      # the default; keys in the keys directory
 * relpromo.signing.authenticode.backend=autograph
 * relpromo.signing.authenticode.autograph.url=https://autograph.example/
 * relpromo.signing.authenticode.autograph.hawk-id=relpromo
 * relpromo.signing.authenticode.autograph.hawk-key-env=AUTOGRAPH_KEY   # or hawk-key-file=/run/secrets/autograph
 * relpromo.signing.authenticode.autograph.key-id=authenticode_202412  # optional: the Hawk id's default signer
 * relpromo.signing.authenticode.autograph.timeout=PT60S               # optional, default PT60S
 * relpromo.signing.authenticode.autograph.certificates=/etc/relpromo/authenticode-chain.pem
 * relpromo.signing.gpg.autograph.public-key=/etc/relpromo/KEY          # for gpg: the signer's armored public key
 * </pre>
 *
 * The settings name where the Hawk key is (a file or an environment variable), never the key itself, so this record
 * and its {@code toString} are safe to log.
 */
public record SigningBackends(Backend gpg, Backend authenticode) {
    public static final String PREFIX = "relpromo.signing.";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The formats that have a backend choice; the name is the settings key. */
    public enum Format {
        GPG("gpg"), AUTHENTICODE("authenticode");

        private final String key;

        Format(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** A backend choice. */
    public sealed interface Backend permits Local, Autograph {
    }

    /** Keys in the service's keys directory (local and development use). */
    public record Local() implements Backend {
    }

    /**
     * An Autograph server. {@code material} is the public part the signer needs locally: the armored OpenPGP
     * public key for gpg, the PEM certificate chain (signing certificate first) for Authenticode.
     */
    public record Autograph(URI url, String hawkId, Path hawkKeyFile, String hawkKeyEnv, String keyId,
            Duration timeout, Path material) implements Backend {

        /** The Hawk key, read now from its file (trimmed) or environment variable; never logged. */
        public HawkCredentials credentials(Map<String, String> environment) throws IOException {
            String key = hawkKeyFile != null ? Files.readString(hawkKeyFile, StandardCharsets.UTF_8).trim()
                    : environment.get(hawkKeyEnv);
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("the Hawk key for '" + hawkId + "' is empty or missing ("
                        + (hawkKeyFile != null ? "file " + hawkKeyFile : "environment variable " + hawkKeyEnv) + ")");
            }
            return new HawkCredentials(hawkId, key);
        }

        public AutographClient client(Map<String, String> environment) throws IOException {
            return new AutographClient(url, credentials(environment), timeout);
        }
    }

    /** Reads the choice for every format; a format without a {@code backend} setting is {@link Local}. */
    public static SigningBackends parse(Map<String, String> settings) {
        return new SigningBackends(backend(settings, Format.GPG), backend(settings, Format.AUTHENTICODE));
    }

    public Backend of(Format format) {
        return format == Format.GPG ? gpg : authenticode;
    }

    /** The OpenPGP signer this configuration names. */
    public GpgSigner gpgSigner(Path keysDir, Map<String, String> environment) throws IOException {
        if (gpg instanceof Autograph autograph) {
            return new AutographGpgSigner(autograph.client(environment), autograph.keyId(),
                    Files.readAllBytes(autograph.material()));
        }
        return LocalGpgSigner.fromKeyDirectory(keysDir);
    }

    /** The Authenticode backend this configuration names. */
    public AuthenticodeBackend authenticodeBackend(Path keysDir, Map<String, String> environment) throws IOException {
        if (authenticode instanceof Autograph autograph) {
            return new AutographAuthenticodeBackend(autograph.client(environment), autograph.keyId(),
                    LocalAuthenticodeKeys.readCertificates(autograph.material()), null, null);
        }
        return LocalAuthenticodeBackend.fromKeyDirectory(keysDir);
    }

    private static Backend backend(Map<String, String> settings, Format format) {
        String base = PREFIX + format.key() + ".";
        String backend = settings.getOrDefault(base + "backend", "local").trim().toLowerCase(Locale.ROOT);
        switch (backend) {
            case "local":
                return new Local();
            case "autograph":
                break;
            default:
                throw new IllegalArgumentException(base + "backend must be 'local' or 'autograph', not '" + backend + "'");
        }
        String a = base + "autograph.";
        String keyFile = optional(settings, a + "hawk-key-file");
        String keyEnv = optional(settings, a + "hawk-key-env");
        if ((keyFile == null) == (keyEnv == null)) {
            throw new IllegalArgumentException("set exactly one of " + a + "hawk-key-file and " + a + "hawk-key-env");
        }
        String materialKey = a + (format == Format.GPG ? "public-key" : "certificates");
        return new Autograph(url(settings, a + "url"), required(settings, a + "hawk-id"),
                keyFile == null ? null : Path.of(keyFile), keyEnv, optional(settings, a + "key-id"),
                timeout(settings, a + "timeout"), Path.of(required(settings, materialKey)));
    }

    private static URI url(Map<String, String> settings, String key) {
        URI url = URI.create(required(settings, key));
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an http(s) URL with a host, not '" + url + "'");
        }
        return url;
    }

    private static Duration timeout(Map<String, String> settings, String key) {
        String value = optional(settings, key);
        try {
            return value == null ? DEFAULT_TIMEOUT : Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT60S, not '" + value + "'");
        }
    }

    private static String required(Map<String, String> settings, String key) {
        String value = optional(settings, key);
        if (value == null) {
            throw new IllegalArgumentException("missing setting " + key);
        }
        return value;
    }

    private static String optional(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
