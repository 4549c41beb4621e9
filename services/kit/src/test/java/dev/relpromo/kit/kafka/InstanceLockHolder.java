package dev.relpromo.kit.kafka;

import java.nio.file.Path;

/** A separate process for {@link InstanceLockIT}: takes the lock, says so, and waits to be killed. */
public final class InstanceLockHolder {
    private InstanceLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        KafkaSettings kafka = KafkaSettings.local(args[0], args[2]);
        InstanceLock lock = InstanceLock.lock(Path.of(args[1]));
        lock.join(kafka);
        System.out.println(InstanceLockIT.HELD);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
