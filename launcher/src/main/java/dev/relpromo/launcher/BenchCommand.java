package dev.relpromo.launcher;

import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.Phase;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.work.BuildSources;
import dev.relpromo.repack.RepackBenchmark;
import dev.relpromo.repackage.bench.RepackageBenchmark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measurements (printed, never asserted).",
        subcommands = {BenchCommand.Repack.class, BenchCommand.Repackage.class, BenchCommand.Pipeline.class})
final class BenchCommand {

    @Command(name = "repack", mixinStandardHelpOptions = true,
            description = "Repack a generated archive of the given size; print seconds, MB/s, output size and peak memory.")
    static final class Repack implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "tar.xz", description = "tar.xz or tar.bz2. Default: ${DEFAULT-VALUE}")
        String format;

        @Option(names = "--size-mb", defaultValue = "100", description = "Uncompressed size. Default: ${DEFAULT-VALUE}")
        int sizeMb;

        @Override
        public Integer call() throws Exception {
            RepackBenchmark.run(format, sizeMb, System.out);
            return 0;
        }
    }

    @Command(name = "repackage", mixinStandardHelpOptions = true,
            description = {"Build an installer or a dmg from a generated build of the given size; print wall and CPU",
                    "time, sizes, MB/s and peak heap. Runs in a child JVM with -Xmx512m unless --in-process."})
    static final class Repackage implements Callable<Integer> {
        /** The claim: a 1 GiB build repackages within this heap. */
        static final String HEAP = "512m";

        @Option(names = "--format", defaultValue = "installer", description = "installer or dmg. Default: ${DEFAULT-VALUE}")
        String format;

        @Option(names = "--size-mb", defaultValue = "100", description = "Uncompressed size. Default: ${DEFAULT-VALUE}")
        int sizeMb;

        @Option(names = "--dir", description = "Where input/ and output/ go (default: a temporary directory)")
        Path dir;

        @Option(names = "--keep", description = "Keep the generated input and output")
        boolean keep;

        @Option(names = "--in-process", description = "Run in this JVM, with its heap, instead of a child with -Xmx" + HEAP)
        boolean inProcess;

        @Override
        public Integer call() throws Exception {
            RepackageBenchmark.Options options = new RepackageBenchmark.Options(RepackageBenchmark.Format.of(format),
                    sizeMb, dir, keep); // validates before a child is started
            if (!inProcess) {
                List<String> args = new ArrayList<>(List.of("bench", "repackage", "--in-process", "--format", format,
                        "--size-mb", Integer.toString(sizeMb)));
                if (dir != null) {
                    args.addAll(List.of("--dir", dir.toAbsolutePath().toString()));
                }
                if (keep) {
                    args.add("--keep");
                }
                return ChildJvm.run(HEAP, args);
            }
            RepackageBenchmark.run(options, System.out);
            return 0;
        }
    }

    /** Locale codes for synthetic releases (real ones, so the planner's checks apply unchanged). */
    static final List<String> LOCALES = List.of("ach", "af", "an", "ar", "ast", "az", "be", "bg", "bn", "br", "bs", "ca",
            "cak", "cs", "cy", "da", "de", "dsb", "el", "en-CA", "en-GB", "en-US", "eo", "es-AR", "es-CL", "es-ES", "es-MX",
            "et", "eu", "fa", "ff", "fi", "fr", "fy-NL", "ga-IE", "gd", "gl", "gn", "gu-IN", "he", "hi-IN", "hr", "hsb",
            "hu", "hy-AM", "ia", "id", "is", "it", "ja", "ka", "kab", "kk", "km", "kn", "ko", "lij", "lt", "lv", "mk",
            "mr", "ms", "my", "nb-NO", "ne-NP", "nl", "nn-NO", "oc", "pa-IN", "pl", "pt-BR", "pt-PT", "rm", "ro", "ru",
            "sco", "si", "sk", "sl", "son", "sq", "sr", "sv-SE", "szl", "ta", "te", "th", "tl", "tr", "trs", "uk", "ur",
            "uz", "vi", "xh", "zh-CN", "zh-TW");

    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = {"A synthetic Linux release through the embedded stack: makespan, tasks per second, and the",
                    "p50/p99 time from an upstream result being committed to the downstream work item being visible."})
    static final class Pipeline implements Callable<Integer> {
        @Option(names = "--subconfigs", defaultValue = "4", description = "Sub-configs. Default: ${DEFAULT-VALUE}")
        int subconfigs;

        @Option(names = "--locales", defaultValue = "5", description = "Locales per sub-config (max " + 96 + "). Default: ${DEFAULT-VALUE}")
        int locales;

        @Override
        public Integer call() throws Exception {
            if (locales < 1 || locales > LOCALES.size() || subconfigs < 1) {
                throw new IllegalArgumentException("--locales must be 1.." + LOCALES.size() + " and --subconfigs at least 1");
            }
            String release = "Firefox-130.0-build1";
            Path dir = Files.createTempDirectory("relpromo-bench-pipeline-");
            try {
                List<String> localeList = LOCALES.subList(0, locales);
                Path partners = writeConfig(dir.resolve("partners"), subconfigs, localeList);
                Path builds = dir.resolve("builds");
                for (String locale : localeList) {
                    Path f = Files.createDirectories(builds.resolve("linux-x86_64").resolve(locale)).resolve("target.tar.bz2");
                    Files.write(f, SampleRelease.linuxBuild("130.0", locale, "tar.bz2", dev.relpromo.events.Platform.LINUX64));
                }
                List<BuildCompleted> events = BuildsDirectory.scan(builds, release);
                Stack.Options options = new Stack.Options(dir.resolve("data"), dir.resolve("store").toString(), dir.resolve("keys"),
                        null, Map.of(), partners, false, -1, "bench", 2,
                        BuildSources.parse(List.of(builds.toString()), null));
                try (Stack stack = new Stack(options).start()) {
                    Recorder recorder = new Recorder(stack);
                    recorder.start();
                    long t0 = System.nanoTime();
                    stack.submitBuilds(events);
                    stack.requestPromotion(new PromotionRequested(release, Phase.PROMOTE, "release", false, true, null,
                            null, null, null, "bench"));
                    RunTracker.Outcome outcome = new RunTracker(stack.graph(), release, Phase.PROMOTE, stack.canRun(),
                            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                            .await(Duration.ofMinutes(60), 1);
                    double makespan = (System.nanoTime() - t0) / 1e9;
                    recorder.stop();
                    long tasks = outcome.tasks().stream().filter(t -> !t.service().equals("external")).count();
                    List<Double> latencies = recorder.latenciesMillis();
                    System.out.printf("pipeline: %d sub-configs x %d locales (linux-x86_64), %d tasks, %s%n", subconfigs,
                            locales, outcome.tasks().size(), outcome.complete() ? "complete" : "INCOMPLETE");
                    System.out.printf("  makespan            %.2f s%n", makespan);
                    System.out.printf("  tasks per second    %.2f (%d tasks excluding build nodes)%n", tasks / makespan, tasks);
                    System.out.printf("  result -> next work p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d hand-offs)%n",
                            percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100), latencies.size());
                    return outcome.complete() ? 0 : 1;
                }
            } finally {
                dev.relpromo.kit.store.Trees.delete(dir);
            }
        }

        static Path writeConfig(Path dir, int subconfigs, List<String> locales) throws java.io.IOException {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("default.xml"), """
                    <?xml version="1.0" ?>
                    <manifest>
                      <remote fetch="git@example.com:partners/" name="partners"/>
                      <project name="bench" path="partners/bench" remote="partners" revision="main"/>
                    </manifest>
                    """);
            for (int i = 1; i <= subconfigs; i++) {
                Path sub = Files.createDirectories(dir.resolve("partners/bench/desktop/bench-" + i + "/distribution"));
                Files.writeString(sub.resolve("../repack.cfg"), "dist_id=\"bench\"\nlinux-x86_64=true\nlocales=\""
                        + String.join(" ", locales) + "\"\n", StandardCharsets.UTF_8);
                Files.writeString(sub.resolve("distribution.ini"), "[Global]\nid=bench-" + i + "\nversion=1.0\n");
            }
            return dir;
        }
    }

    /**
     * Watches result and work topics with a read_committed consumer: a record becomes visible when its transaction
     * commits, so the gap between a result and the work item it unblocks is the graph's hand-off time.
     */
    static final class Recorder {
        private final Stack stack;
        private final Map<String, Long> resultSeen = new ConcurrentHashMap<>();
        private final Map<String, TaskDefined> definitions = new ConcurrentHashMap<>();
        private final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final EventCodec codec = new EventCodec("/relpromo/bench");
        private Thread thread;

        Recorder(Stack stack) {
            this.stack = stack;
        }

        void start() {
            thread = new Thread(() -> {
                try (KafkaConsumer<String, byte[]> c = stack.kafka().consumer("relpromo-bench-recorder", Map.of())) {
                    List<String> topics = new ArrayList<>(List.of(Topics.GRAPH_TASKS.name()));
                    for (Service s : Service.WORKERS) {
                        topics.add(Topics.work(s).name());
                        topics.add(Topics.results(s).name());
                    }
                    c.subscribe(topics);
                    while (running.get()) {
                        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(50))) {
                            long now = System.nanoTime();
                            Envelope<?> e = codec.decode(r);
                            if (e.data() instanceof TaskDefined d) {
                                definitions.put(d.taskId(), d);
                            } else if (e.data() instanceof TaskCompleted done) {
                                resultSeen.put(done.taskId(), now);
                            } else if (e.data() instanceof WorkItem w) {
                                w.upstream().stream().map(u -> committedAt(u.taskId())).filter(java.util.Objects::nonNull)
                                        .max(Long::compare).ifPresent(t -> latencies.add((now - t) / 1e6));
                            }
                        }
                    }
                }
            }, "bench-recorder");
            thread.start();
        }

        /** When a task's result became visible; a graph pseudo-task (chunking dummy) counts as its upstreams' time. */
        private Long committedAt(String taskId) {
            Long seen = resultSeen.get(taskId);
            TaskDefined d = definitions.get(taskId);
            if (seen != null || d == null || d.service() != Service.GRAPH) {
                return seen;
            }
            return d.upstreams().stream().map(this::committedAt).filter(java.util.Objects::nonNull)
                    .max(Long::compare).orElse(null);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        List<Double> latenciesMillis() {
            synchronized (latencies) {
                return new ArrayList<>(latencies);
            }
        }
    }

    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
