import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateDistrict, writeDistrictFiles } from '../../main/demo/sample-district';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization } from './support/first-run';

let data: ReturnType<typeof freshDataDir>;
let app: RunningApp;

test.beforeEach(async () => {
  data = freshDataDir();
  app = await startBrowserMode(join(data.dir, 'app'));
});

test.afterEach(async () => {
  await app.stop();
  data.remove();
});

const rowCount = (text: string) => text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;

test('import the district through the wizard, then find its users and devices', async ({ page }) => {
  const files = generateDistrict({ seed: 11 });
  const paths = writeDistrictFiles(join(data.dir, 'roster'), files);
  const people = rowCount(files['students.csv']!) + rowCount(files['staff.csv']!);
  const devices = rowCount(files['devices.csv']!);

  await createOrganization(page, app.url);
  await page.getByRole('button', { name: 'Import from Apple School Manager…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import from Apple School Manager' });
  await wizard.getByLabel('Choose CSV files').setInputFiles(paths);
  await expect(wizard.getByRole('list', { name: 'Chosen files' }).getByRole('listitem')).toHaveCount(paths.length);
  await wizard.getByRole('button', { name: 'Check files' }).click();
  await expect(wizard.getByRole('status')).toContainText('The files are valid');
  await expect(wizard.getByRole('list', { name: 'Warnings' })).toContainText('redemption codes');
  await wizard.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(wizard.getByRole('status')).toContainText('Import finished');
  const summary = wizard.getByRole('table', { name: 'Import summary' });
  await expect(summary.getByRole('row', { name: /Schools/ })).toContainText('3');
  await expect(summary.getByRole('row', { name: /Users/ })).toContainText(String(people));
  await wizard.getByRole('button', { name: 'Close' }).click();

  await expect(page.getByRole('tree', { name: 'Organization' }).getByRole('treeitem', { name: /Springfield High/ })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Users' }).locator('..').getByText(`${people.toLocaleString('en-US')} rows`)).toBeVisible();
  await page.getByLabel('Search users').fill('José');
  await expect(page.getByRole('grid', { name: 'Users' }).getByRole('row', { name: /José/ }).first()).toBeVisible();

  await page.getByRole('tab', { name: 'Devices' }).click();
  await expect(page.getByText(`${devices.toLocaleString('en-US')} rows`)).toBeVisible();
  await page.screenshot({ path: 'test-results/import-devices.png' });
});

test('a broken file is reported line by line and nothing is imported', async ({ page }) => {
  const files = generateDistrict({ seed: 11 });
  const broken = { ...files, 'devices.csv': `${files['devices.csv']!.trimEnd()}\nBAD,Broken,Android,1,maybe,,NOWHERE,\n` };
  const paths = writeDistrictFiles(join(data.dir, 'broken'), broken);
  const brokenLine = rowCount(broken['devices.csv']!) + 1;

  await createOrganization(page, app.url);
  await page.getByRole('button', { name: 'Import from Apple School Manager…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import from Apple School Manager' });
  await wizard.getByLabel('Choose CSV files').setInputFiles(paths);
  await wizard.getByRole('button', { name: 'Check files' }).click();
  await expect(wizard.getByRole('alert')).toContainText('Nothing was imported');
  const problems = wizard.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText(`devices.csv line ${brokenLine}:`);
  await expect(problems.getByRole('listitem').first()).toBeVisible();
  await wizard.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('tree', { name: 'Organization' }).getByRole('treeitem')).toHaveCount(1);
});
