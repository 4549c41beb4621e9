package dev.relpromo.repackage.windows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * The part of a channel after its first {@code offset} bytes, seen as a channel of its own. The 7z writer seeks
 * back to position 0 to write its start header once the archive is complete; through this view it lands after
 * the SFX stub and tag, so the installer is written in one pass with no temporary 7z to copy.
 * Closing the view leaves the underlying channel open (its owner still flushes and closes it).
 */
final class OffsetChannel implements SeekableByteChannel {
    private final SeekableByteChannel channel;
    private final long offset;
    private boolean open = true;

    OffsetChannel(SeekableByteChannel channel, long offset) throws IOException {
        this.channel = channel;
        this.offset = offset;
        channel.position(offset);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    public long position() throws IOException {
        return channel.position() - offset;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        channel.position(offset + newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return Math.max(0, channel.size() - offset);
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        channel.truncate(offset + size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return open && channel.isOpen();
    }

    @Override
    public void close() {
        open = false;
    }
}
