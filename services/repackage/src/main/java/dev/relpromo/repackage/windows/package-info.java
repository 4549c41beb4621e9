/**
 * The Windows installer repackage (reference §6.2): a partner's {@code target.zip} (a {@code firefox/} tree) and
 * {@code setup.exe} become {@code target.installer.exe}, the bytes of a 7-Zip SFX stub followed by an
 * {@link dev.relpromo.repackage.windows.AppTag} and a 7z archive holding {@code core/} (the renamed
 * {@code firefox/}) and {@code setup.exe}; the win32 stub installer is made the same way from
 * {@code target-stub.zip} and {@code setup-stub.exe}.
 *
 * <p>Entry point: {@link dev.relpromo.repackage.windows.WindowsInstaller}. Plain domain code: no framework, no
 * Kafka. Bad input fails with {@link dev.relpromo.kit.failure.TaskFailureException}; I/O trouble with the local
 * disk is an {@link java.io.IOException}. The 7z is written in Java (LZMA2 with the x86 BCJ filter), streamed entry
 * by entry from the zip with bounded memory ({@link dev.relpromo.repackage.windows.SevenZipSettings}), and is
 * byte-identical for identical content.
 */
package dev.relpromo.repackage.windows;
