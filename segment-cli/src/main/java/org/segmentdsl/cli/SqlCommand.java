package org.segmentdsl.cli;

import java.util.concurrent.Callable;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Segment;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.sql.SegmentSql;
import org.segmentdsl.sql.SqlEngine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Prints a segment compiled to one SQL query over the table layout (docs/sql.md). */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Compiles the segment to one SQL query (DuckDB or Spark SQL) over the table "
        + "layout of docs/sql.md and prints it; the schema and saved segments come from the "
        + "dataset, now, today and the zone are resolved into the query.")
final class SqlCommand implements Callable<Integer> {
  enum Dialect { duckdb, spark }

  @ParentCommand
  SegmentCli cli;

  @Mixin
  DatasetOptions options;

  @ArgGroup(exclusive = true, multiplicity = "1")
  SegmentSource source;

  @Option(names = "--dialect", paramLabel = "DIALECT", required = true,
      description = "duckdb or spark.")
  Dialect dialect;

  @Override
  public Integer call() {
    Dataset data = options.load(cli.err());
    Segment segment = source.read(data);
    String sql;
    try {
      sql = SegmentSql.compile(segment, data.schema(), options.context(data),
          dialect == Dialect.duckdb ? SqlEngine.DUCKDB : SqlEngine.SPARK);
    } catch (InvalidSegmentException e) {
      throw new InvalidInput(DatasetOptions.problems(source.name(), e));
    }
    cli.out().println(sql);
    return SegmentCli.OK;
  }
}
