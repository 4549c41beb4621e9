package dev.relpromo.repackage.mac.udif;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Turns a raw volume image into a compressed UDIF disk image (UDZO): the image is read one chunk at a time, each
 * chunk becomes a zlib run (or a raw run when zlib does not help), all-zero chunks become zero-fill runs, and
 * the file ends with the XML resource map and the koly trailer. Memory use is two chunk buffers.
 *
 * <p>The image is one bare partition with no partition map ("disk image (Apple_HFS : 0)"): 7-Zip opens its
 * single Apple_HFS partition directly and dmg2img writes it out as a plain HFS+ image.
 */
public final class UdifWriter {
    /** UDIF counts in 512-byte sectors. */
    public static final int SECTOR_SIZE = 512;
    /** 2048 sectors (1 MiB) per chunk, hdiutil's UDZO default. */
    public static final int DEFAULT_CHUNK_SECTORS = 2048;
    /** The partition's name in the resource map; "Apple_HFS" is what 7-Zip looks for. */
    public static final String PARTITION_NAME = "disk image (Apple_HFS : 0)";

    private final int chunkSectors;
    private final int zlibLevel;

    /** What was written. */
    public record Summary(long bytes, long sectors, int zlibRuns, int rawRuns, int zeroRuns) {
    }

    /**
     * @param chunkSectors sectors per compressed run (e.g. {@link #DEFAULT_CHUNK_SECTORS})
     * @param zlibLevel 1 (fast) to 9 (small)
     */
    public UdifWriter(int chunkSectors, int zlibLevel) {
        if (chunkSectors < 1 || chunkSectors > 16 * DEFAULT_CHUNK_SECTORS) {
            throw new IllegalArgumentException("chunk of " + chunkSectors + " sectors");
        }
        this.chunkSectors = chunkSectors;
        this.zlibLevel = zlibLevel;
    }

    /**
     * Writes {@code dmg} from {@code image}, whose size must be a whole number of sectors.
     *
     * @param segmentId the 16-byte image identifier for the trailer
     */
    public Summary write(Path image, Path dmg, byte[] segmentId) throws IOException {
        long imageBytes = Files.size(image);
        if (imageBytes % SECTOR_SIZE != 0) {
            throw new IOException("image size " + imageBytes + " is not a multiple of " + SECTOR_SIZE);
        }
        long sectors = imageBytes / SECTOR_SIZE;
        byte[] raw = new byte[chunkSectors * SECTOR_SIZE];
        byte[] packed = new byte[raw.length + raw.length / 8 + 64];
        CRC32 partitionCrc = new CRC32();
        CRC32 forkCrc = new CRC32();
        List<BlockRun> runs = new ArrayList<>();
        int zlibRuns = 0;
        int rawRuns = 0;
        int zeroRuns = 0;
        long offset = 0;
        Deflater deflater = new Deflater(zlibLevel);
        try (FileChannel in = FileChannel.open(image, StandardOpenOption.READ);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(dmg), 1 << 16)) {
            for (long sector = 0; sector < sectors; sector += chunkSectors) {
                int count = (int) Math.min(chunkSectors, sectors - sector);
                int length = count * SECTOR_SIZE;
                readFully(in, raw, length, sector * SECTOR_SIZE);
                partitionCrc.update(raw, 0, length);
                if (isZero(raw, length)) {
                    BlockRun last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                    if (last != null && last.type() == BlockRun.ZERO_FILL) {
                        // one run for a whole stretch of zeros, as hdiutil does
                        runs.set(runs.size() - 1, new BlockRun(BlockRun.ZERO_FILL, last.sectorStart(),
                                last.sectorCount() + count, last.compressedOffset(), 0));
                    } else {
                        runs.add(new BlockRun(BlockRun.ZERO_FILL, sector, count, offset, 0));
                        zeroRuns++;
                    }
                    continue;
                }
                int packedLength = deflate(deflater, raw, length, packed);
                byte[] stored = packedLength < 0 ? raw : packed;
                int storedLength = packedLength < 0 ? length : packedLength;
                out.write(stored, 0, storedLength);
                forkCrc.update(stored, 0, storedLength);
                runs.add(new BlockRun(packedLength < 0 ? BlockRun.RAW : BlockRun.ZLIB, sector, count, offset,
                        storedLength));
                if (packedLength < 0) {
                    rawRuns++;
                } else {
                    zlibRuns++;
                }
                offset += storedLength;
            }
            runs.add(new BlockRun(BlockRun.TERMINATOR, sectors, 0, offset, 0));

            int crc = (int) partitionCrc.getValue();
            byte[] blkx = new BlkxTable(0, sectors, chunkSectors + 8, 0, crc, runs).encode();
            byte[] xml = ResourceMap.encode(PARTITION_NAME, 0, blkx);
            out.write(xml);
            CRC32 master = new CRC32();
            master.update(ByteBuffer.allocate(4).putInt(crc).array());
            out.write(new KolyTrailer(offset, offset, xml.length, segmentId, (int) forkCrc.getValue(),
                    (int) master.getValue(), sectors).encode());
            return new Summary(offset + xml.length + KolyTrailer.SIZE, sectors, zlibRuns, rawRuns, zeroRuns);
        } finally {
            deflater.end();
        }
    }

    /** The zlib stream's length, or -1 when it would not be smaller than the chunk. */
    private static int deflate(Deflater deflater, byte[] raw, int length, byte[] packed) {
        deflater.reset();
        deflater.setInput(raw, 0, length);
        deflater.finish();
        int n = 0;
        while (!deflater.finished() && n < packed.length) {
            n += deflater.deflate(packed, n, packed.length - n);
        }
        return deflater.finished() && n < length ? n : -1;
    }

    private static boolean isZero(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel in, byte[] into, int length, long position) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(into, 0, length);
        long p = position;
        while (buf.hasRemaining()) {
            int n = in.read(buf, p);
            if (n < 0) {
                throw new IOException("the image ended at " + p);
            }
            p += n;
        }
    }
}
