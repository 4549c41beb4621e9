package dev.relpromo.kit.app;

import dev.relpromo.kit.kafka.KafkaSettings;
import dev.relpromo.kit.kafka.PipelineOptions;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.work.BuildSources;
import java.nio.file.Path;

/**
 * What a service gets from the process that runs it: the cluster, the artifact store, a private state directory,
 * where builds may be read from, how its pipelines cope with failure, and its settings.
 *
 * @param stateDir a directory for this service's local state (Streams stores, work directories, keys by default)
 */
public record ServiceContext(KafkaSettings kafka, ArtifactStore store, Path stateDir, BuildSources buildSources,
                             PipelineOptions pipeline, Settings settings) {
}
