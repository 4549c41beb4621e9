package dev.relpromo.repack;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.tukaani.xz.ArrayCache;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.FinishableOutputStream;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.check.CRC64;

/**
 * One .xz stream made of independently compressed LZMA2 blocks, with a correct index, as {@code xz -T0} writes
 * it: any xz decoder reads it, and {@code xz} itself can decompress it in parallel (the block headers carry sizes).
 *
 * <p>Each block starts with an empty dictionary, which is what costs ratio compared with one single-threaded
 * block; the dictionary never needs to exceed the block, so it is capped there (less memory, same output).
 */
final class XzBlockCodec implements BlockCodec<XzBlockCodec.Block> {
    private final LZMA2Options options;
    /** Reuses the encoders' large match-finder arrays across blocks instead of reallocating ~10x the dictionary. */
    private final ArrayCache arrays = new BasicArrayCache();
    private final List<XzFormat.IndexRecord> index = new ArrayList<>();

    record Block(byte[] header, ChunkedBuffer data, byte[] check, long uncompressedSize) {
        long unpaddedSize() {
            return header.length + data.size() + check.length;
        }
    }

    XzBlockCodec(int preset, boolean extreme, int blockSize) {
        try {
            options = new LZMA2Options(preset);
            if (extreme) {
                // what liblzma's LZMA_PRESET_EXTREME changes (xz -e): slower, deeper match search
                options.setMode(LZMA2Options.MODE_NORMAL);
                options.setMatchFinder(LZMA2Options.MF_BT4);
                boolean lighter = preset == 3 || preset == 5;
                options.setNiceLen(lighter ? 192 : 273);
                options.setDepthLimit(lighter ? 0 : 512);
            }
            options.setDictSize(dictionaryFor(options.getDictSize(), blockSize));
        } catch (UnsupportedOptionsException e) {
            throw new IllegalArgumentException("unsupported xz settings: preset " + preset + ", block size " + blockSize, e);
        }
    }

    private static int dictionaryFor(int presetDictionary, long blockLength) {
        return (int) Math.max(LZMA2Options.DICT_SIZE_MIN, Math.min(presetDictionary, blockLength));
    }

    int dictionarySize() {
        return options.getDictSize();
    }

    @Override
    public Block encode(byte[] data, int length) throws IOException {
        LZMA2Options blockOptions = (LZMA2Options) options.clone();
        blockOptions.setDictSize(dictionaryFor(options.getDictSize(), length)); // the last block is usually shorter
        ChunkedBuffer compressed = new ChunkedBuffer();
        FinishableOutputStream lzma2 = blockOptions.getOutputStream(new FinishableWrapperOutputStream(compressed), arrays);
        lzma2.write(data, 0, length);
        lzma2.finish();
        CRC64 check = new CRC64();
        check.update(data, 0, length);
        byte[] header = XzFormat.blockHeader(compressed.size(), length, XzFormat.lzma2DictProps(blockOptions.getDictSize()));
        return new Block(header, compressed, check.finish(), length);
    }

    @Override
    public void writeHeader(OutputStream out) throws IOException {
        out.write(XzFormat.streamHeader());
    }

    @Override
    public void writeBlock(Block block, OutputStream out) throws IOException {
        out.write(block.header());
        block.data().writeTo(out);
        out.write(new byte[XzFormat.blockPadding(block.header().length + block.data().size())]);
        out.write(block.check());
        index.add(new XzFormat.IndexRecord(block.unpaddedSize(), block.uncompressedSize()));
    }

    @Override
    public void writeTrailer(OutputStream out) throws IOException {
        byte[] idx = XzFormat.index(index);
        out.write(idx);
        out.write(XzFormat.streamFooter(idx.length));
    }

    @Override
    public long encoderMemory() {
        return options.getEncoderMemoryUsage() * 1024L;
    }
}
