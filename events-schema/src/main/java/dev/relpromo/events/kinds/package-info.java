/**
 * The kind catalogue ({@link dev.relpromo.events.kinds.Kinds}) and the artifact names tasks exchange
 * ({@link dev.relpromo.events.kinds.ArtifactNames}): what the planner plans, which service completes it and what it
 * hands downstream. Plain Java, shared by the planner, the graph and every worker.
 */
package dev.relpromo.events.kinds;
