package dev.relpromo.events.params;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.relpromo.events.Artifact;
import dev.relpromo.events.Service;
import java.util.List;

/**
 * The one flat parameter object every kind shared before parameters were typed ({@code task.defined} v1 and v2,
 * {@code work.item} v1). Only read, never written: {@link #typedFor} turns it into the typed record of the
 * task's service.
 */
public record LegacyTaskParams(
        String product,
        String version,
        Integer buildNumber,
        String repackPath,
        String repackId,
        List<String> repackIds,
        String partner,
        String subConfig,
        String locale,
        String sourceLocale,
        Integer partnerBuildNumber,
        String partnerPath,
        Artifact partnerConfig,
        Boolean migrationWizardDisabled,
        String distributionId) implements TaskParams {

    @Override
    public Service service() {
        return null;
    }

    @Override
    @JsonIgnore
    public ReleaseRef release() {
        return product == null || version == null ? null
                : new ReleaseRef(product, version, buildNumber == null ? 1 : buildNumber);
    }

    /** The typed parameters of a task completed by {@code service}; null where the old object held too little. */
    public TaskParams typedFor(Service service) {
        ReleaseRef release = release();
        RepackRef repack = repack();
        return switch (service) {
            case EXTERNAL -> new BuildParams(release, locale);
            case REPACK -> new RepackParams(release, repack, sourceLocale, partnerConfig,
                    Boolean.TRUE.equals(migrationWizardDisabled), distributionId, null, null);
            case SIGNING -> repackIds != null && !repackIds.isEmpty()
                    ? new SigningParams(release, null, new ChunkRef(path(), partnerBuild(), repackIds))
                    : repack == null ? null : new SigningParams(release, repack, null);
            case REPACKAGE -> new RepackageParams(release, repack, null);
            case GRAPH -> new GraphParams(release, repack);
            case BEETMOVER -> new BeetmoverParams(release, repack, partnerPath);
            case CHECKSUMS -> new ChecksumsParams(release, repack, partnerPath);
            case BALROG -> null;
        };
    }

    private RepackRef repack() {
        return repackId == null ? null
                : new RepackRef(path(), repackId, partner, subConfig, locale, partnerBuild());
    }

    private String path() {
        return repackPath == null ? "partner" : repackPath;
    }

    private int partnerBuild() {
        return partnerBuildNumber == null ? 1 : partnerBuildNumber;
    }
}
