package dev.relpromo.kit.pe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A tiny, valid Windows executable made from nothing: DOS header, PE header, one {@code .text} section whose code
 * returns 0, and a readable marker saying what it is. Authenticode tools (jsign, osslsigncode) sign and verify it
 * like any other PE; Windows would run it and exit at once.
 *
 * <p>It stands in where a real binary is not at hand: the default SFX stub of the installer repackage (which
 * therefore cannot self-extract; {@link #MARKER} says so inside the file), and the {@code setup.exe} of the demo's
 * sample Windows builds. Deterministic: no time stamp, no checksum, the same bytes on every call.
 */
public final class MinimalPe {
    /** Text inside every stand-in, so that anyone who opens one learns what it is. */
    public static final String MARKER = "relpromo stand-in executable: returns 0; not a 7-Zip SFX, cannot self-extract";

    private static final int FILE_ALIGNMENT = 0x200;
    private static final int SECTION_ALIGNMENT = 0x1000;
    private static final int PE_OFFSET = 0x40;

    private MinimalPe() {
    }

    /** The CPU an image is for; {@code win32} is i386, {@code win64} amd64, {@code win64-aarch64} arm64. */
    public enum Machine {
        I386(0x014c, false, new byte[] {0x31, (byte) 0xC0, (byte) 0xC3}),                  // xor eax,eax; ret
        AMD64(0x8664, true, new byte[] {0x31, (byte) 0xC0, (byte) 0xC3}),                  // xor eax,eax; ret
        ARM64(0xAA64, true, new byte[] {0x00, 0x00, (byte) 0x80, 0x52,                     // mov w0,#0
                (byte) 0xC0, 0x03, 0x5F, (byte) 0xD6});                                    // ret

        private final int id;
        private final boolean pe32Plus;
        private final byte[] code;

        Machine(int id, boolean pe32Plus, byte[] code) {
            this.id = id;
            this.pe32Plus = pe32Plus;
            this.code = code;
        }
    }

    /** The image for {@code machine}, {@value #FILE_ALIGNMENT} bytes of headers plus one section. */
    public static byte[] image(Machine machine) {
        return image(machine, MARKER);
    }

    /** The same with another marker text in the section (for tests that need two different executables). */
    public static byte[] image(Machine machine, String marker) {
        byte[] text = marker.getBytes(StandardCharsets.US_ASCII);
        int codeSize = 16 + text.length;
        int rawSize = align(codeSize, FILE_ALIGNMENT);
        ByteBuffer b = ByteBuffer.allocate(FILE_ALIGNMENT + rawSize).order(ByteOrder.LITTLE_ENDIAN);
        // DOS header: only the magic and the offset of the PE header matter
        b.put(0, (byte) 'M').put(1, (byte) 'Z');
        b.putInt(0x3C, PE_OFFSET);
        b.position(PE_OFFSET);
        b.put(new byte[] {'P', 'E', 0, 0});
        int optionalHeaderSize = machine.pe32Plus ? 240 : 224;
        // COFF header
        b.putShort((short) machine.id);
        b.putShort((short) 1);                   // sections
        b.putInt(0);                             // time stamp: none, for byte-identical output
        b.putInt(0).putInt(0);                   // symbol table
        b.putShort((short) optionalHeaderSize);
        b.putShort((short) (machine.pe32Plus ? 0x0022 : 0x0102)); // executable; large-address-aware or 32-bit
        // optional header: standard fields
        b.putShort((short) (machine.pe32Plus ? 0x20B : 0x10B));
        b.put((byte) 14).put((byte) 0);          // linker version
        b.putInt(rawSize);                       // size of code
        b.putInt(0).putInt(0);                   // initialised / uninitialised data
        b.putInt(SECTION_ALIGNMENT);             // entry point
        b.putInt(SECTION_ALIGNMENT);             // base of code
        if (machine.pe32Plus) {
            b.putLong(0x140000000L);             // image base
        } else {
            b.putInt(SECTION_ALIGNMENT);         // base of data
            b.putInt(0x400000);                  // image base
        }
        b.putInt(SECTION_ALIGNMENT).putInt(FILE_ALIGNMENT);
        b.putShort((short) 6).putShort((short) 0);   // OS version
        b.putShort((short) 0).putShort((short) 0);   // image version
        b.putShort((short) 6).putShort((short) 0);   // subsystem version
        b.putInt(0);                                 // Win32 version value
        b.putInt(SECTION_ALIGNMENT + align(codeSize, SECTION_ALIGNMENT)); // size of image
        b.putInt(FILE_ALIGNMENT);                    // size of headers
        b.putInt(0);                                 // checksum (signing tools set it)
        b.putShort((short) 2);                       // GUI subsystem: no console window
        b.putShort((short) 0x8100);                  // NX compatible, terminal-server aware
        if (machine.pe32Plus) {
            b.putLong(0x100000).putLong(0x1000).putLong(0x100000).putLong(0x1000);
        } else {
            b.putInt(0x100000).putInt(0x1000).putInt(0x100000).putInt(0x1000);
        }
        b.putInt(0);                                 // loader flags
        b.putInt(16);                                // data directories, all empty
        b.position(b.position() + 16 * 8);
        // section table
        b.put(new byte[] {'.', 't', 'e', 'x', 't', 0, 0, 0});
        b.putInt(codeSize);                          // virtual size
        b.putInt(SECTION_ALIGNMENT);                 // virtual address
        b.putInt(rawSize);
        b.putInt(FILE_ALIGNMENT);                    // pointer to raw data
        b.putInt(0).putInt(0).putShort((short) 0).putShort((short) 0);
        b.putInt(0x60000020);                        // code, execute, read
        // the section: code, then the marker
        b.position(FILE_ALIGNMENT);
        b.put(machine.code);
        b.position(FILE_ALIGNMENT + 16);
        b.put(text);
        return b.array();
    }

    private static int align(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
