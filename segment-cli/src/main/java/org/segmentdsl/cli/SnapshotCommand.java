package org.segmentdsl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.SnapshotFile;
import org.segmentdsl.json.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Saves a dataset folder, with its saved segments, as a snapshot file. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = "Loads the dataset folder and saves it, with its saved segments, as a snapshot "
        + "file that --snapshot reads in place of --data. Prints 'FILE: N contacts, M events, "
        + "D deals, A accounts, S saved segments, B bytes'.")
final class SnapshotCommand implements Callable<Integer> {
  @ParentCommand
  SegmentCli cli;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = DatasetOptions.DATA_HELP)
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "The snapshot file to write (an existing one is replaced whole, atomically).")
  Path out;

  @Override
  public Integer call() {
    checkWritable(out);
    Dataset dataset = DatasetOptions.folder(data, cli.err());
    SnapshotFile.Summary s = save(dataset.index(), dataset.segments(), out);
    cli.out().println(out + ": " + s.contacts() + " contacts, " + s.events() + " events, "
        + s.deals() + " deals, " + s.accounts() + " accounts, " + s.segments()
        + " saved segments, " + s.bytes() + " bytes");
    return SegmentCli.OK;
  }

  /**
   * Refuses an output file that cannot be written, before the input is loaded: a folder, or a
   * path in a folder that does not exist.
   */
  static void checkWritable(Path file) {
    if (Files.isDirectory(file)) {
      throw new InvalidInput(file + ": cannot write: is a directory");
    }
    Path folder = file.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new InvalidInput(file + ": cannot write: no such directory " + folder);
    }
  }

  /** Saves the index and the saved segments to {@code file}, replacing it atomically. */
  static SnapshotFile.Summary save(ContactIndex index, SegmentRegistry segments, Path file) {
    try {
      return SnapshotFile.save(index, segments, file);
    } catch (IOException e) {
      throw InvalidInput.cannotWrite(file.toString(), e);
    }
  }
}
