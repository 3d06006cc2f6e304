package org.segmentdsl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.sql.DuckDbTables;
import org.segmentdsl.sql.SegmentSql;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Writes a dataset in the SQL table layout (docs/sql.md) as Parquet, one folder per table, for
 * Spark, DuckDB or a warehouse. DuckDB writes the files: its jars come from the engines' class
 * path that {@code bin/segment} builds on first use.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Loads the dataset folder (or snapshot file) and writes it in the SQL table "
        + "layout of docs/sql.md as Parquet files, one folder per table (contacts, contact_tags, "
        + "contact_lists, events, event_props, deals, accounts), for Spark, DuckDB or a "
        + "warehouse.")
final class ExportCommand implements Callable<Integer> {
  enum Format { parquet }

  @ParentCommand
  SegmentCli cli;

  @ArgGroup(exclusive = true, multiplicity = "1")
  DatasetOptions.Input input;

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "The folder to write the tables' folders into (created if missing).")
  Path out;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
      description = "parquet (the default and only format).")
  Format format;

  @Override
  public Integer call() {
    Dataset data = input.load(cli.err());
    try {
      Parquet.write(data.index().snapshot(), out);
    } catch (NoClassDefFoundError e) {
      throw new InvalidInput("export needs DuckDB's jar on the class path, which bin/segment "
          + "adds (it builds it on first use); it is missing here (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw InvalidInput.cannotWrite(out.toString(), e);
    }
    cli.out().println(out + ": " + String.join(", ", SegmentSql.TABLES) + " (Parquet)");
    return SegmentCli.OK;
  }

  /** In a class of its own, so that DuckDB's classes load only here. */
  private static final class Parquet {
    static void write(IndexSnapshot snapshot, Path out) throws IOException {
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
        DuckDbTables.load(c, snapshot);
        DuckDbTables.exportParquet(c, out);
      } catch (SQLException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }
}
