/**
 * The repackage service's task handlers: {@link dev.relpromo.repackage.RepackageHandler} turns a Windows repack into
 * its installers and a mac repack into its disk image, {@link dev.relpromo.repackage.AttributionHandler} writes a
 * partner's attribution code into a copy of the build's signed Windows installer. They validate the task's params,
 * fetch the inputs verified into the work directory, call the domain builders ({@code windows}, {@code mac},
 * {@link dev.relpromo.kit.pe.AttributionSlot}) and store the outputs under deterministic {@code releng/partner/...}
 * keys. No framework or Kafka types: the worker wiring is in {@code app}.
 */
package dev.relpromo.repackage;
