package dev.relpromo.repackage.mac.hfs;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an HFS+ volume (TN1150) into an image file without holding file data in memory: each fork is copied
 * straight to the next free allocation blocks as it arrives, and only the tree's metadata is kept until
 * {@link #finish} writes the special files and the volume headers after the data.
 *
 * <p>Layout, in 4 KiB allocation blocks: block 0 holds the reserved boot area and the volume header; file data
 * follows in arrival order; then the extents overflow file (an empty B-tree, one node), the catalog file and
 * the allocation file; the last block holds the alternate volume header. Every block is in use.
 */
public final class HfsVolumeWriter implements Closeable {
    /** The allocation block size, and the node size of both B-trees. */
    public static final int BLOCK_SIZE = 4096;
    /** Highest block number the 32-bit fields can address, less room for the special files. */
    private static final long MAX_DATA_BLOCKS = 0xFFFF_FFFFL - (1 << 20);
    private static final int COPY_BUFFER = 64 * 1024;
    /** TN1150 kHFSExtentKeyMaximumLength. */
    private static final int EXTENT_KEY_MAX = 10;

    private final FileChannel channel;
    private final CatalogNode root = CatalogNode.newRoot();
    private final byte[] buffer = new byte[COPY_BUFFER];
    private long nextBlock = 1;

    /** What {@link #finish} wrote. */
    public record Summary(long totalBytes, long files, long folders) {
    }

    /** Creates (or truncates) the image file. */
    public HfsVolumeWriter(Path image) throws IOException {
        this.channel = FileChannel.open(image, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** The root folder; the volume name is given at {@link #finish}. */
    public CatalogNode root() {
        return root;
    }

    /** Copies exactly {@code size} bytes from {@code in} into newly allocated contiguous blocks. */
    public ForkExtent writeFork(InputStream in, long size) throws IOException {
        long blocks = (size + BLOCK_SIZE - 1) / BLOCK_SIZE;
        if (size < 0 || nextBlock + blocks > MAX_DATA_BLOCKS) {
            throw new IOException("the volume would exceed the HFS+ block limit");
        }
        long start = nextBlock;
        long position = start * BLOCK_SIZE;
        long remaining = size;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new EOFException("the data ended " + remaining + " bytes early");
            }
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                position += channel.write(chunk, position);
            }
            remaining -= n;
        }
        nextBlock += blocks;
        return blocks == 0 ? ForkExtent.EMPTY : new ForkExtent(size, start, blocks);
    }

    /** Writes a small fork (a symlink target) from memory. */
    public ForkExtent writeFork(byte[] data) throws IOException {
        return writeFork(new ByteArrayInputStream(data), data.length);
    }

    /**
     * Numbers the catalog, writes the extents overflow, catalog and allocation files and both volume headers.
     *
     * @param volumeName the root folder's name
     * @param volumeDateUnix the volume's dates, and the root folder's
     * @param volumeId the 64-bit identifier stored in the volume header's finderInfo
     */
    public Summary finish(HfsName volumeName, long volumeDateUnix, long volumeId) throws IOException {
        root.modified(volumeDateUnix);
        CatalogFile.Counts counts = CatalogFile.assignIds(root);
        List<byte[]> catalog = BTreeFile.build(CatalogFile.records(root, volumeName), new BTreeFile.Shape(BLOCK_SIZE,
                CatalogFile.MAX_KEY_LENGTH, BTreeFile.BIG_KEYS | BTreeFile.VARIABLE_INDEX_KEYS));
        List<byte[]> extents = BTreeFile.build(List.of(), new BTreeFile.Shape(BLOCK_SIZE, EXTENT_KEY_MAX,
                BTreeFile.BIG_KEYS));

        long extentsStart = nextBlock;
        long catalogStart = extentsStart + extents.size();
        long allocationStart = catalogStart + catalog.size();
        long allocationBlocks = 1;
        long totalBlocks;
        while (true) {
            totalBlocks = allocationStart + allocationBlocks + 1; // + the alternate header's block
            long needed = (totalBlocks + 8L * BLOCK_SIZE - 1) / (8L * BLOCK_SIZE);
            if (needed <= allocationBlocks) {
                break;
            }
            allocationBlocks = needed;
        }
        writeNodes(extents, extentsStart);
        writeNodes(catalog, catalogStart);
        writeAllocationFile(allocationStart, allocationBlocks, totalBlocks);

        VolumeHeader header = new VolumeHeader(HfsDates.fromUnix(volumeDateUnix), counts.files(), counts.folders(),
                totalBlocks, counts.nextId(), volumeId,
                fork(allocationStart, allocationBlocks, allocationBlocks * BLOCK_SIZE),
                fork(extentsStart, extents.size(), (long) extents.size() * BLOCK_SIZE),
                fork(catalogStart, catalog.size(), (long) catalog.size() * BLOCK_SIZE));
        byte[] encoded = header.encode();
        long totalBytes = totalBlocks * BLOCK_SIZE;
        write(ByteBuffer.wrap(encoded), 1024);
        write(ByteBuffer.wrap(encoded), totalBytes - 1024);
        write(ByteBuffer.allocate(512), totalBytes - 512); // reserved: the image ends with the last block
        channel.force(false);
        return new Summary(totalBytes, counts.files(), counts.folders());
    }

    private static ForkExtent fork(long start, long blocks, long logicalSize) {
        return new ForkExtent(logicalSize, start, blocks);
    }

    private void writeNodes(List<byte[]> nodes, long startBlock) throws IOException {
        for (int i = 0; i < nodes.size(); i++) {
            write(ByteBuffer.wrap(nodes.get(i)), (startBlock + i) * BLOCK_SIZE);
        }
    }

    /** TN1150 "Allocation File": one bit per block, most significant bit first; every block is used. */
    private void writeAllocationFile(long start, long blocks, long totalBlocks) throws IOException {
        byte[] block = new byte[BLOCK_SIZE];
        long bitsPerBlock = 8L * BLOCK_SIZE;
        for (long i = 0; i < blocks; i++) {
            long first = i * bitsPerBlock;
            long used = Math.max(0, Math.min(bitsPerBlock, totalBlocks - first));
            Arrays.fill(block, (byte) 0);
            Arrays.fill(block, 0, (int) (used / 8), (byte) 0xFF);
            if (used % 8 != 0) {
                block[(int) (used / 8)] = (byte) (0xFF << (8 - used % 8));
            }
            write(ByteBuffer.wrap(block), (start + i) * BLOCK_SIZE);
        }
    }

    private void write(ByteBuffer data, long position) throws IOException {
        long p = position;
        while (data.hasRemaining()) {
            p += channel.write(data, p);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
