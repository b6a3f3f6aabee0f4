// Lint: TypeScript's recommended rules, React hooks and JSX accessibility. Formatting is Prettier's (npm run format).
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "data/**", "backups/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "18" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "react/prop-types": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // A scrolling box is reached by keyboard to scroll it (WCAG 2.1.1); as a named region it is announced for what it is.
      "jsx-a11y/no-noninteractive-tabindex": [
        "error",
        { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true },
      ],
    },
  },
  // Hooks are React's in app/ only: the browser tests' fixtures are also called use… (vitest's naming).
  // The one translation hook is app/i18n/use-translation.ts (README D81); one collator per order (D82).
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "react-i18next",
              importNames: ["useTranslation"],
              message: "Use useTranslation from app/i18n/use-translation (one shared t per language).",
            },
          ],
        },
      ],
      // One collator per order, made once (app/lib/collation.ts, README D82).
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='localeCompare']",
          message: "Use compareText or compareVietnamese from app/lib/collation (a collator made once).",
        },
      ],
    },
  },
  // Tests call every route's loader and action through one harness and read answers of many shapes, and build
  // throwaway tables outside the Database interface: `any` there is the honest type. App code stays strict.
  { files: ["tests/**/*.{ts,tsx}"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  // Migrations are frozen in time and typed Kysely<any> on purpose (they must not import the app's Database).
  { files: ["db/migrations/**/*.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
);
