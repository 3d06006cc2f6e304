/**
 * Segment DSL's JSON formats: saved segments ({@code segment/v1}), schemas, dataset folders and
 * change streams, read strictly and within the format's limits.
 */
module org.segmentdsl.json {
  requires transitive org.segmentdsl.core;
  requires tools.jackson.core;
  requires static org.jspecify;

  exports org.segmentdsl.json;
}
