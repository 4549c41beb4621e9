package dev.relpromo.events.params;

import dev.relpromo.events.Service;
import java.util.List;

/**
 * A beetmover task: the publication of one signed repack into the candidates tree, or the push of the candidates
 * build directory to releases.
 *
 * @param repack      the repack published; null for push-to-releases
 * @param partnerPath the destination below the candidates build directory, e.g.
 *                    {@code partner-repacks/acme/acme-1/v1/linux-x86_64/de} or {@code mac-EME-free/de}; null for
 *                    push-to-releases
 * @param scopes      exactly one {@code <prefix>action:<action>} and one {@code <prefix>bucket:<bucket>} scope
 *                    ({@link dev.relpromo.events.kinds.BeetmoverScopes}); null only in events planned before scopes
 *                    existed, which the beetmover refuses
 * @param partners    push-to-releases: the {@code publish_to_releases} sub-configs and the partner build each is
 *                    published from; null for the other kinds
 */
public record BeetmoverParams(ReleaseRef release, RepackRef repack, String partnerPath, List<String> scopes,
                              List<PushPartner> partners) implements TaskParams {

    public BeetmoverParams {
        scopes = scopes == null ? null : List.copyOf(scopes);
        partners = partners == null ? null : List.copyOf(partners);
    }

    /** A repack beetmover without scopes (events planned before scopes existed). */
    public BeetmoverParams(ReleaseRef release, RepackRef repack, String partnerPath) {
        this(release, repack, partnerPath, null, null);
    }

    public BeetmoverParams(ReleaseRef release, RepackRef repack, String partnerPath, List<String> scopes) {
        this(release, repack, partnerPath, scopes, null);
    }

    /** The push-to-releases task. */
    public static BeetmoverParams push(ReleaseRef release, List<String> scopes, List<PushPartner> partners) {
        return new BeetmoverParams(release, null, null, scopes, partners);
    }

    @Override
    public Service service() {
        return Service.BEETMOVER;
    }
}
