// args.cc: command line parsing for the vireo tool's commands.
#include "commands.h"

#include <algorithm>
#include <cstring>

namespace vireo_tool {

namespace {

bool listed(const std::vector<const char *> &names, const std::string &name)
{
    return std::any_of(names.begin(), names.end(),
                       [&](const char *n) { return name == n; });
}

} // namespace

Args parse_args(const Command &cmd, std::span<char *const> argv)
{
    Args args;
    bool options_done = false;

    for (size_t i = 0; i < argv.size(); i++) {
        std::string word = argv[i];
        if (!options_done && word == "--") {
            options_done = true;
            continue;
        }
        if (options_done || word.size() < 3 || word.compare(0, 2, "--") != 0) {
            args.positional.push_back(word);
            continue;
        }
        std::string name = word.substr(2);
        std::string inline_value;
        bool has_inline = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name.resize(eq);
            has_inline = true;
        }
        if (listed(cmd.flags, name)) {
            if (has_inline)
                throw UsageError("option '--" + name + "' takes no value");
            args.flags.insert(name);
        } else if (listed(cmd.options, name)) {
            if (has_inline) {
                args.values[name] = inline_value;
            } else if (i + 1 < argv.size()) {
                args.values[name] = argv[++i];
            } else {
                throw UsageError("option '--" + name + "' needs a value");
            }
        } else {
            throw UsageError("command '" + std::string(cmd.name) +
                             "' doesn't support option '--" + name + "'");
        }
    }

    if (args.positional.size() < cmd.required.size())
        throw UsageError("command '" + std::string(cmd.name) +
                         "' requires <" +
                         cmd.required[args.positional.size()] + "> option");
    if (args.positional.size() > cmd.required.size() + cmd.optional.size())
        throw UsageError("unexpected data '" +
                         args.positional[cmd.required.size() + cmd.optional.size()] +
                         "'");
    return args;
}

std::string synopsis(const Command &cmd)
{
    std::string s = cmd.name;
    for (const char *p : cmd.required)
        s += std::string(" ") + p;
    for (const char *p : cmd.optional)
        s += std::string(" [") + p + "]";
    for (const char *f : cmd.flags)
        s += std::string(" [--") + f + "]";
    for (const char *o : cmd.options) {
        const char *metavar = std::strcmp(o, "timeout") == 0  ? "SECONDS"
                              : std::strcmp(o, "domain") == 0 ? "DOM"
                                                              : "VALUE";
        s += std::string(" [--") + o + " " + metavar + "]";
    }
    return s;
}

} // namespace vireo_tool
