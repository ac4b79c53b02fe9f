package org.altmin.experiments.data;

/** A data set that is missing and could not be downloaded (no network, npm or apt-get missing, ...). */
public final class DataUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataUnavailableException(String message) {
        super(message);
    }

    public DataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
