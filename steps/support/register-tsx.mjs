// Listed first in cucumber's `import` so that every later .ts support file and step file loads
// through tsx, in the main process and in each --parallel worker alike.
import { register } from 'tsx/esm/api';

register();
