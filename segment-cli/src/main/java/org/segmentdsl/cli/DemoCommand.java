package org.segmentdsl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.examples.DemoData;
import org.segmentdsl.examples.Examples;
import org.segmentdsl.json.DatasetWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Builds the demo audience in memory and runs every example segment on it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Builds a realistic demo dataset in memory (fixed seed) and evaluates the "
        + "README's example segments, printing each one's name, member count, time and explain "
        + "tree.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand
  SegmentCli cli;

  @Spec
  CommandSpec spec;

  @Option(names = "--contacts", defaultValue = "200000",
      description = "How many contacts to generate (default: ${DEFAULT-VALUE}).")
  int contacts;

  @Option(names = "--write", paramLabel = "DIR",
      description = "Write the demo data as a dataset folder (with the examples as saved "
          + "segments) instead of evaluating: for eval, why, lint, tags, overlap and report.")
  Path write;

  @Override
  public Integer call() {
    if (contacts < 1_000 || contacts > 20_000_000) {
      throw new ParameterException(spec.commandLine(),
          "--contacts: expected 1000 to 20000000, got " + contacts);
    }
    long t0 = System.nanoTime();
    DemoData data = DemoData.generate(contacts, 42);
    long t1 = System.nanoTime();
    ContactIndex index = data.load();
    long t2 = System.nanoTime();
    cli.out().printf(Locale.ROOT, "Generated %,d contacts, %,d accounts, %,d deals and %,d events in %,d ms; "
            + "indexed them in %,d ms.%n", data.contacts().size(), data.accounts().size(),
        data.deals().size(), data.events().size(), (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000);
    if (write != null) {
      try {
        DatasetWriter.write(index, Examples.registry(), write);
      } catch (IOException e) {
        throw InvalidInput.cannotWrite(write.toString(), e);
      }
      cli.out().printf("Wrote the dataset folder %s; its examples' instant is --now %s --zone %s.%n",
          write, DemoData.NOW, DemoData.CONTEXT.zone());
      return SegmentCli.OK;
    }
    cli.out().printf("Evaluating at %s in %s.%n%n", DemoData.NOW, DemoData.CONTEXT.zone());
    Examples.run(Examples.all(), data, index.snapshot(), cli.out());
    return SegmentCli.OK;
  }
}
