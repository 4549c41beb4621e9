/**
 * Running operator-configured external tools without a shell: {@link dev.relpromo.signing.command.CommandTemplate}
 * (argument templates with named placeholders, a value never split), {@link dev.relpromo.signing.command.ExternalCommand}
 * (timeout with process-tree kill, bounded output capture), {@link dev.relpromo.signing.command.Redactor} (secret
 * values shown as {@code ***} in every log line and message), and the {@code command} mac backend built on them,
 * {@link dev.relpromo.signing.command.CommandMacSigner} (e.g. {@code rcodesign sign} and
 * {@code rcodesign notary-submit --staple}).
 *
 * <p>The runner knows nothing about mac signing, so other tools can reuse it.
 */
package dev.relpromo.signing.command;
