package io.mediausage.collector.cli;

/** One command of {@link UsageCollectorCli}, which picks it by the command line's first word. */
@FunctionalInterface
interface CliCommand {

    /** @return the process's exit code */
    int run(CommandLine commandLine) throws Exception;
}
