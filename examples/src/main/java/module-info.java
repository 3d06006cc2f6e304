/**
 * The runnable examples and the README's code, compiled as a module that requires only the
 * libraries' exported API: what a modular application depending on {@code segment-core} and
 * {@code segment-json} sees.
 */
module org.segmentdsl.examples {
  // transitive: the exported examples take and return the libraries' types
  requires transitive org.segmentdsl.json;

  exports org.segmentdsl.examples;
  exports org.segmentdsl.examples.readme;
}
