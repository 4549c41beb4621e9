/**
 * The repackage worker's wiring: {@link dev.relpromo.repackage.app.RepackageApp}, found by the launcher through
 * {@code META-INF/services/dev.relpromo.kit.app.RelpromoService}, and the service's settings
 * ({@link dev.relpromo.repackage.app.RepackageSettings}, defaults in {@code application-repackage.yml}).
 */
package dev.relpromo.repackage.app;
