/**
 * Partner attribution: Firefox installers that are not repacked but carry a campaign code Firefox reports in
 * telemetry ({@code release-partner-attribution} in the real pipeline).
 *
 * <ul>
 *   <li>{@link dev.relpromo.planner.attribution.AttributionConfigParser} reads {@code attribution_config.yml} (or the
 *       inline {@code release-partner-attribution} parameter) into an
 *       {@link dev.relpromo.planner.attribution.AttributionConfig}; errors are {@code file:line: field: message}.</li>
 *   <li>{@link dev.relpromo.planner.attribution.AttributionCode} generates and validates attribution codes exactly
 *       as {@code generate_attribution_code} and {@code attribute_builds.py} do.</li>
 *   <li>{@link dev.relpromo.planner.attribution.AttributionJobs} expands a config into one
 *       {@link dev.relpromo.planner.attribution.AttributionJob} per entry, platform and locale, with the paths of
 *       {@link dev.relpromo.planner.attribution.AttributionPaths}; mac and unbuilt installers come back as
 *       {@link dev.relpromo.planner.attribution.SkippedAttribution}.</li>
 * </ul>
 * Plain domain code: no framework, Kafka or graph types, so the graph rules and the CLI can both use it.
 */
package dev.relpromo.planner.attribution;
