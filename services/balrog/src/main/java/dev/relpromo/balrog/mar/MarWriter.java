package dev.relpromo.balrog.mar;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes an unsigned MAR (signature count 0), optionally with a product information block. Entries are sorted by
 * name and their contents streamed from files, so identical inputs give identical bytes and memory stays bounded.
 */
public final class MarWriter {

    /** A file to put in the archive: its path inside the MAR, its mode flags (e.g. 0644) and where its bytes are. */
    public record Source(String name, int flags, Path content) {
    }

    private MarWriter() {
    }

    public static void write(OutputStream out, List<Source> sources, Optional<ProductInformation> productInformation)
            throws IOException {
        List<Source> sorted = new ArrayList<>(sources);
        sorted.sort(Comparator.comparing(Source::name));
        Set<String> names = new HashSet<>();
        for (Source source : sorted) {
            checkName(source.name());
            if (!names.add(source.name())) {
                throw new IllegalArgumentException("MAR entry " + source.name() + " is given twice");
            }
        }
        byte[] additional = additionalSections(productInformation);
        long contentStart = MarFormat.HEADER_SIZE + additional.length;
        // Offsets are known before writing: the index goes after the contents and the header points at it.
        List<MarEntry> entries = new ArrayList<>();
        long offset = contentStart;
        for (Source source : sorted) {
            long size = Files.size(source.content());
            entries.add(new MarEntry(offset, size, source.flags(), source.name()));
            offset += size;
        }
        long indexOffset = offset;
        byte[] index = index(entries);
        long fileSize = indexOffset + index.length;
        if (fileSize > MarFormat.MAX_U32) {
            throw new IllegalArgumentException("a MAR is limited to 4 GiB; these entries make " + fileSize + " bytes");
        }
        DataOutputStream data = new DataOutputStream(out);
        data.write(MarFormat.MAGIC);
        data.writeInt((int) indexOffset);
        data.writeLong(fileSize);
        data.writeInt(0); // no signatures: signing is the signing service's job
        data.write(additional);
        for (Source source : sorted) {
            try (InputStream in = Files.newInputStream(source.content())) {
                in.transferTo(data);
            }
        }
        data.write(index);
        data.flush();
    }

    public static void write(Path target, List<Source> sources, Optional<ProductInformation> productInformation)
            throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(target), 64 * 1024)) {
            write(out, sources, productInformation);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("MAR entry name must be non-empty without NUL: " + name);
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MarFormat.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("MAR entry name longer than " + MarFormat.MAX_NAME_LENGTH + " bytes: " + name);
        }
    }

    private static byte[] additionalSections(Optional<ProductInformation> productInformation) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        if (productInformation.isEmpty()) {
            data.writeInt(0);
            return bytes.toByteArray();
        }
        byte[] channel = productInformation.get().marChannelName().getBytes(StandardCharsets.UTF_8);
        byte[] version = productInformation.get().productVersion().getBytes(StandardCharsets.UTF_8);
        if (channel.length > MarFormat.MAX_CHANNEL_NAME_LENGTH || version.length > MarFormat.MAX_PRODUCT_VERSION_LENGTH) {
            throw new IllegalArgumentException("MAR product information too long for libmar (channel < 64 bytes, version < 32): "
                    + productInformation.get());
        }
        data.writeInt(1);
        data.writeInt(8 + channel.length + 1 + version.length + 1);
        data.writeInt(MarFormat.PRODUCT_INFORMATION_BLOCK_ID);
        data.write(channel);
        data.write(0);
        data.write(version);
        data.write(0);
        return bytes.toByteArray();
    }

    private static byte[] index(List<MarEntry> entries) throws IOException {
        var body = new java.io.ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        for (MarEntry entry : entries) {
            data.writeInt((int) entry.offset());
            data.writeInt((int) entry.size());
            data.writeInt(entry.flags());
            data.write(entry.name().getBytes(StandardCharsets.UTF_8));
            data.write(0);
        }
        var all = new java.io.ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(all);
        out.writeInt(body.size());
        body.writeTo(out);
        return all.toByteArray();
    }
}
