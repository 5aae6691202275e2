// aetrace list: the built-in implementations, one name a line.
#include <CLI/CLI.hpp>

#include <iostream>

#include "aetrace/endpoints/factory.h"
#include "commands.h"

namespace aetrace::cli {

namespace {

int list_command() {
    for (const std::string& name : endpoints::builtin_endpoint_names()) std::cout << name << "\n";
    return kExitOk;
}

}  // namespace

void register_list_command(CLI::App& app, CommandAction& action) {
    CLI::App* sub = app.add_subcommand("list", "List the built-in implementations");
    sub->callback([&action] { action = list_command; });
}

}  // namespace aetrace::cli
