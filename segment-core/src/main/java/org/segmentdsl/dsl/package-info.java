/**
 * The fluent DSL: {@link org.segmentdsl.dsl.Conditions} (import its methods statically) and the
 * typed field builders, which offer only the operators that fit a field's type.
 *
 * <p>No argument may be null: a null fails at once with a {@link NullPointerException} naming it.
 */
@NullMarked
package org.segmentdsl.dsl;

import org.jspecify.annotations.NullMarked;
