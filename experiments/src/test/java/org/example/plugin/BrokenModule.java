package org.example.plugin;

import com.google.inject.AbstractModule;

/** A plug-in module whose configure() throws, for the test of the message a user sees. */
public final class BrokenModule extends AbstractModule {
    @Override
    protected void configure() {
        throw new IllegalStateException("the plug-in's settings file is missing");
    }
}
