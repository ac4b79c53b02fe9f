/**
 * JUnit 5 contract interfaces: implement {@code subject()} in a test class and the default {@code @Test} methods
 * run the checks of {@code org.altmin.verification.checks} as QuickTheories properties (fixed, reported seed), plus
 * edge-case and bad-input tests. See {@code verification/CONTRACTS.md}.
 */
package org.altmin.verification.contracts;
