/**
 * Task parameters, one record per service ({@link dev.relpromo.events.params.TaskParams}), built from shared parts:
 * the release ({@link dev.relpromo.events.params.ReleaseRef}), one repack
 * ({@link dev.relpromo.events.params.RepackRef}) or a chunk of repacks ({@link dev.relpromo.events.params.ChunkRef}).
 */
package dev.relpromo.events.params;
