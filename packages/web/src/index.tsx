// First: configures libraries for the app's CSP before anything uses them.
import './boot/strict-csp.ts';
import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { checkServerVersion } from './boot/check-server-version.ts';
import { APP_VERSION } from './env.ts';
import { startUpgradeController } from './upgrade/upgrade-controller.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Which build is running, for support and for the upgrade browser test.
document.documentElement.dataset.appVersion = APP_VERSION;

// Started before the first render; the version gate shows a splash until it settles.
void checkServerVersion();
startUpgradeController();
render(() => <App />, root);
