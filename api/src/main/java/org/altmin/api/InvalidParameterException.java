package org.altmin.api;

/**
 * The one exception for bad input: a component parameter, a shape, a value or a name that is out of range.
 * Its message names the component, the parameter, the value found and the valid range, e.g.
 * {@code "HingeLoss.margin must be > 0, found -1.0"}.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String component;
    private final String parameter;

    public InvalidParameterException(String component, String parameter, String message) {
        super(component + "." + parameter + " " + message);
        this.component = component;
        this.parameter = parameter;
    }

    /** {@code component.parameter must be <validRange>, found <value>}. */
    public static InvalidParameterException of(String component, String parameter, Object value, String validRange) {
        return new InvalidParameterException(component, parameter, "must be " + validRange + ", found " + value);
    }

    public String component() {
        return component;
    }

    public String parameter() {
        return parameter;
    }
}
