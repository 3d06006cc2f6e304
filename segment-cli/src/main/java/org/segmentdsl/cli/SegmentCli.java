package org.segmentdsl.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bin/segment}: evaluates saved segments on dataset folders and snapshot files from the
 * command line.
 *
 * <p>Exit status: {@value #OK} success; {@value #INVALID} invalid input (each problem on standard
 * error, its first line starting {@code error: }, naming the file and the place); {@value
 * #USAGE} a usage error. No stack trace reaches the user, and a failed command prints nothing on
 * standard output.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Segments contacts: evaluates saved segments (segment/v1 JSON) on dataset "
        + "folders or snapshot files, replays change streams against live segments, and saves "
        + "datasets as snapshot files.",
    subcommands = {DemoCommand.class, EvalCommand.class, ExplainCommand.class,
        ValidateCommand.class, ReplayCommand.class, SnapshotCommand.class, OverlapCommand.class,
        ReportCommand.class, WhyCommand.class, LintCommand.class, TagsCommand.class,
        SqlCommand.class, ExportCommand.class})
public final class SegmentCli implements Runnable {
  public static final int OK = 0;
  public static final int INVALID = 1;
  public static final int USAGE = 2;

  @Spec
  CommandSpec spec;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  SegmentCli(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /** Standard input ({@code replay --changes -}). */
  InputStream in() {
    return in;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int status = run(args, System.in, out, err);
    out.flush();
    System.exit(status);
  }

  /** Runs one command line without standard input; returns its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, InputStream.nullInputStream(), out, err);
  }

  /** Runs one command line; returns its exit status. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new SegmentCli(in, out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((ex, arguments) -> {
      String message = ex.getMessage();
      if (ex instanceof CommandLine.MaxValuesExceededException) {
        // picocli describes an option repeated inside an exclusive group by its group model
        message = repeatedOption(ex.getCommandLine().getCommandSpec(), arguments)
            .map(name -> "option '" + name + "' should be specified only once"
                + (name.equals("--segment") ? " (" + ex.getCommandLine().getCommandName()
                + " takes one segment)" : ""))
            .orElse(message);
      }
      if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
          && ex.getCommandLine().getCommandSpec().parent() == null
          && !unmatched.getUnmatched().isEmpty()
          && !unmatched.getUnmatched().get(0).startsWith("-")) {
        message = "unknown command '" + unmatched.getUnmatched().get(0) + "'; the commands are "
            + String.join(", ", ex.getCommandLine().getSubcommands().keySet());
      }
      // some of picocli's messages carry their own "Error: "
      err.println("error: " + (message.startsWith("Error: ") ? message.substring(7) : message));
      err.println("Try 'segment --help' or 'segment <command> --help'.");
      return USAGE;
    });
    cli.setExecutionExceptionHandler((ex, command, parseResult) -> {
      if (ex instanceof InvalidInput invalid) {
        invalid.messages().forEach(m -> err.println("error: " + m));
        return INVALID;
      }
      // a bug of ours: still no stack trace for the user, but enough to report it
      err.println("error: internal error: " + ex);
      return INVALID;
    });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("error: out of memory; give the JVM more heap (SEGMENT_JAVA_OPTS=-Xmx8g)");
      return INVALID;
    }
  }

  /** The first single-valued option of {@code command} that {@code args} give twice. */
  private static Optional<String> repeatedOption(CommandSpec command, String[] args) {
    Map<String, Integer> seen = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      OptionSpec option = command.findOption(eq < 0 ? arg : arg.substring(0, eq));
      if (option != null && !option.isMultiValue()
          && seen.merge(option.longestName(), 1, Integer::sum) > 1) {
        return Optional.of(option.longestName());
      }
    }
    return Optional.empty();
  }

}
