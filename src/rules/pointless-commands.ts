/** DL3001: commands that make no sense while building an image (interactive tools, service and process control). */
import type { Rule } from './types.js';
import { commandsOf, programName } from './util/shell.js';
import { ruleDocs } from './util/shell-rule-docs.js';

const POINTLESS = new Set(['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig']);

export const pointlessCommands: Rule = {
  meta: {
    id: 'pointless-commands',
    aliases: ['DL3001'],
    severity: 'info',
    title: 'Do not run interactive or system-control commands (ssh, vim, service, ps, kill ...) in RUN',
    practice:
      'A build step runs once, without a terminal, in a container with no running services: ssh, vim, top, ps, kill, ' +
      'service, mount, shutdown, free and ifconfig either hang, fail, or inspect a state that does not exist in the image.',
    source: 'hadolint',
    fixable: false,
    keywords: ['RUN'],
    docs: ruleDocs({
      summary:
        'Reports `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount` and `ifconfig` run in a RUN ' +
        '(also behind `sudo`, `env` and similar wrappers). Configure services in the image and start them from CMD or ENTRYPOINT.',
      bad: 'FROM debian:12\nRUN service nginx start',
      good: 'FROM debian:12\nCMD ["nginx", "-g", "daemon off;"]',
    }),
  },
  check(context) {
    for (const { command } of commandsOf(context.dockerfile)) {
      const name = programName(command);
      if (!POINTLESS.has(name)) continue;
      context.report({
        range: command.range,
        message: `\`${name}\` makes no sense in a build step (ssh, vim, shutdown, service, ps, free, top, kill, mount, ifconfig).`,
      });
    }
  },
};
