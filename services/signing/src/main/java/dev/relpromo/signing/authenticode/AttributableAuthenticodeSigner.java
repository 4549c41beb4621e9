package dev.relpromo.signing.authenticode;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.failure.TransientTaskException;
import dev.relpromo.kit.pe.AttributionSlot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import net.jsign.AuthenticodeSigner;
import net.jsign.DigestAlgorithm;
import net.jsign.Signable;
import net.jsign.pe.PEFile;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;

/**
 * Authenticode-signs a PE file with jsign and adds the attribution slot to the signature.
 *
 * <p>jsign 7.4 has no option for unsigned attributes (7.5 adds a "tag"), so this subclasses its
 * {@link AuthenticodeSigner} and post-processes the PKCS#7 {@code SignedData} that {@code createSignedData} returns,
 * before jsign writes it: the SignerInfo gets one unsigned attribute, {@link #SLOT_ATTRIBUTE} with a UTF8String
 * value of {@link AttributionSlot#emptySlot()} (the tag {@code __MOZCUSTOM__:} and NUL padding, 1024 bytes). Unsigned
 * attributes are outside the signature, so the slot can later be overwritten without invalidating it. Because jsign
 * writes the final {@code SignedData}, it also sizes the certificate table, its data directory and the PE checksum.
 *
 * <p>The OID is the one {@code osslsigncode -addUnauthenticatedBlob} uses (and jsign 7.5 reads as a tag), so
 * {@code osslsigncode verify} recognises the attribute as an "unauthenticated data blob" instead of reporting an
 * unsupported one.
 *
 * <p>Output is deterministic: jsign leaves out the signing-time attribute, there is no timestamp (no TSA offline,
 * and a countersignature would carry the time), and RSA PKCS#1 v1.5 signatures do not depend on randomness.
 */
public final class AttributableAuthenticodeSigner {
    /** The unsigned attribute that carries the slot (osslsigncode's "unauthenticated data blob"). */
    public static final ASN1ObjectIdentifier SLOT_ATTRIBUTE = new ASN1ObjectIdentifier("1.3.6.1.4.1.42921.1.2.1");

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;
    private final Provider signatureProvider;
    private final String programName;
    private final String programUrl;

    /**
     * @param chain signing certificate first, then its issuers (a self-signed root is left out of the signature)
     * @param privateKey the key of the signing certificate, or a stand-in that {@code signatureProvider} understands
     * @param signatureProvider the JCA provider of {@code SHA256withRSA} for {@code privateKey}; {@code null} for the
     *     JDK's (a local key)
     * @param programName shown by Windows as the program name; may be {@code null}
     * @param programUrl shown by Windows as "more information"; may be {@code null}
     */
    public AttributableAuthenticodeSigner(List<X509Certificate> chain, PrivateKey privateKey, Provider signatureProvider,
            String programName, String programUrl) {
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
        this.signatureProvider = signatureProvider;
        this.programName = programName;
        this.programUrl = programUrl;
    }

    /** Signs {@code peFile} in place (replacing any earlier signature) and adds the empty attribution slot. */
    public void sign(Path peFile) throws IOException {
        SlotSigner signer = new SlotSigner(chain.toArray(new Certificate[0]), privateKey);
        signer.withDigestAlgorithm(DigestAlgorithm.SHA256)
                .withTimestamping(false)
                .withSignaturesReplaced(true) // a re-run signs afresh instead of nesting a second signature
                .withProgramName(programName)
                .withProgramURL(programUrl);
        if (signatureProvider != null) {
            signer.withSignatureProvider(signatureProvider);
        }
        try (Signable file = Signable.of(peFile.toFile())) {
            if (!(file instanceof PEFile)) {
                throw new IOException(peFile + " is not a PE file: only Windows executables get an attribution slot");
            }
            signer.sign(file);
        } catch (IOException | TaskFailureException | TransientTaskException e) {
            throw e;
        } catch (Exception e) {
            throw unwrap(peFile, e);
        }
    }

    /**
     * jsign declares {@code Exception}, and BouncyCastle wraps what a remote signer throws: surface a domain failure
     * or an I/O error from the cause chain as itself (it names the server and status), anything else named by file.
     */
    private static RuntimeException unwrap(Path peFile, Exception e) throws IOException {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TaskFailureException failure) {
                return failure;
            }
            if (cause instanceof TransientTaskException transientFailure) {
                return transientFailure;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
        }
        throw new IOException("Authenticode signing of " + peFile + " failed: " + e.getMessage(), e);
    }

    /** Adds the slot to the (single) SignerInfo of a signature, keeping any other unsigned attribute. */
    static CMSSignedData withSlot(CMSSignedData signed) {
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        AttributeTable unsigned = signer.getUnsignedAttributes();
        if (unsigned == null) {
            unsigned = new AttributeTable(new DERSet());
        }
        String slot = new String(AttributionSlot.emptySlot(), StandardCharsets.US_ASCII);
        unsigned = unsigned.remove(SLOT_ATTRIBUTE)
                .add(SLOT_ATTRIBUTE, new DERUTF8String(slot));
        SignerInformation withSlot = SignerInformation.replaceUnsignedAttributes(signer, unsigned);
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(withSlot));
    }

    /** The jsign hook: the signature jsign made (and verified against the certificate), plus the slot. */
    private static final class SlotSigner extends AuthenticodeSigner {
        SlotSigner(Certificate[] chain, PrivateKey privateKey) {
            super(chain, privateKey);
        }

        @Override
        protected CMSSignedData createSignedData(Signable file) throws Exception {
            return withSlot(super.createSignedData(file));
        }
    }
}
