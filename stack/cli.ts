import { StackError } from './process.ts';
import { formatStatus, stackDown, stackStatus, stackUp } from './stack.ts';

const USAGE = 'usage: tsx stack/cli.ts up|down|status';

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'up': {
      const began = Date.now();
      const { started } = await stackUp();
      const took = ((Date.now() - began) / 1000).toFixed(1);
      console.log(
        started.length > 0 ? `[stack] started ${started.join(', ')} in ${took} s` : '[stack] already up',
      );
      console.log(formatStatus(await stackStatus()));
      return 0;
    }
    case 'down': {
      const { stopped } = await stackDown();
      console.log(
        stopped.length > 0 ? `[stack] stopped ${stopped.join(', ')}` : '[stack] nothing was running',
      );
      return 0;
    }
    case 'status': {
      const statuses = await stackStatus();
      console.log(formatStatus(statuses));
      return statuses.every((s) => s.answers) ? 0 : 3;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof StackError) {
      console.error(`[stack] ${err.message}`);
      process.exit(1);
    }
    throw err;
  },
);
