package com.satrank.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Retention: moves whole daily roll-cycle files of a log out of the data directory. A cycle is
 * movable only if it is older than the cutoff and strictly older than the cycle of the position the
 * pipeline has checkpointed for that stream, so no event the score tables have not taken in is ever
 * moved; the cycle being appended to is never moved either. Files are moved, not deleted, so an
 * operator can put them back for a full replay.
 */
public final class LogArchive {
    private static final DateTimeFormatter CYCLE_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'F.cq4'");

    /** One file to move, and why it may be. */
    public record Move(LogStream stream, LocalDate day, Path file) {
    }

    /** What a plan leaves alone for one stream, for the operator to read. */
    public record Kept(LogStream stream, String reason) {
    }

    public record Plan(List<Move> moves, List<Kept> kept) {
    }

    private LogArchive() {
    }

    /**
     * @param checkpointDays per stream, the day (roll cycle) of the pipeline's checkpointed position;
     *                       a stream missing here has nothing checkpointed and keeps everything
     * @param before         only days strictly before this one are moved
     */
    public static Plan plan(Path dataDir, Map<LogStream, LocalDate> checkpointDays, LocalDate before) {
        List<Move> moves = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        for (LogStream stream : LogStream.values()) {
            Path dir = dataDir.resolve(stream.dirName());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Move> cycles = cycles(stream, dir);
            if (cycles.isEmpty()) {
                continue;
            }
            LocalDate newest = cycles.get(cycles.size() - 1).day();
            LocalDate checkpoint = checkpointDays.get(stream);
            if (checkpoint == null) {
                kept.add(new Kept(stream, "nothing checkpointed by the pipeline: everything kept"));
                continue;
            }
            LocalDate limit = min(min(before, checkpoint), newest);
            int moved = 0;
            for (Move cycle : cycles) {
                if (cycle.day().isBefore(limit)) {
                    moves.add(cycle);
                    moved++;
                }
            }
            kept.add(new Kept(stream, "kept " + (cycles.size() - moved) + " cycle(s) from " + limit
                    + " on (cutoff " + before + ", checkpoint in " + checkpoint + ", newest " + newest + ")"));
        }
        return new Plan(moves, kept);
    }

    /** Moves the planned files under {@code archiveDir}/&lt;stream&gt;/, each atomically where the filesystem allows. */
    public static void apply(Plan plan, Path archiveDir) {
        try {
            for (Move move : plan.moves()) {
                Path target = archiveDir.resolve(move.stream().dirName()).resolve(move.file().getFileName());
                Files.createDirectories(target.getParent());
                try {
                    Files.move(move.file(), target, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(move.file(), target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("archiving stopped part-way; what was moved is under " + archiveDir, e);
        }
    }

    private static List<Move> cycles(LogStream stream, Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> day(f).map(d -> new Move(stream, d, f))).flatMap(Optional::stream)
                    .sorted(java.util.Comparator.comparing(Move::day)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<LocalDate> day(Path file) {
        try {
            return Optional.of(LocalDate.parse(file.getFileName().toString(), CYCLE_NAME));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty(); // metadata.cq4t and anything else that is not a cycle
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
