import { Command } from 'commander';
import { registerConsumeCommand } from './declarations-consume.command';
import { registerDeclarationsCommands } from './declarations.command';
import { registerPlatformCommands } from './platform.command';
import { registerRiskSimulateCommand } from './risk-simulate.command';
import { registerRiskCommands } from './risk.command';
import { registerVerifyCommand } from './verify.command';

const program = new Command()
  .name('openaeo')
  .description('OpenAEO command line: database, audit, risk engine and certificate verification')
  .showHelpAfterError();

registerPlatformCommands(program);
registerRiskSimulateCommand(registerRiskCommands(program));
registerConsumeCommand(registerDeclarationsCommands(program));
registerVerifyCommand(program);

await program.parseAsync();
