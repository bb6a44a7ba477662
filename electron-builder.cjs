// electron-builder configuration: how `npm run dist` turns the built app into installers.
//
//   Windows  NSIS, one-click, per user (no administrator prompt; %LOCALAPPDATA%\Programs)
//   macOS    dmg + zip, x64 and arm64 (one download per architecture, each half the size of a
//            universal app)
//   Linux    AppImage + deb
//
// What ships is an allow-list (`files`): package.json, the bundled main process and preloads
// (dist/electron), the built editor (dist/web) and the example projects (assets/examples).
// No node_modules: electron/build.mjs bundles everything main needs except `electron` itself,
// and the editor is bundled by Vite, so `beforeBuild` below tells electron-builder that the app's
// dependencies are handled already. test/packaging.test.ts packs the real app with a stub
// Electron and checks all of this; see DEVELOPERS.md.
//
// JavaScript (not YAML) for two things YAML cannot say: the `beforeBuild` hook and the macOS
// signing settings that depend on whether a certificate is present.

/** A signing certificate is configured (CSC_LINK / CSC_NAME, electron-builder's variables). */
const hasMacCertificate = Boolean(process.env.CSC_LINK || process.env.CSC_NAME);

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.deepwire.app',
  productName: 'DeepWire',
  copyright: 'Copyright © 2025 DeepWire contributors',

  directories: {
    output: 'out',
    // Installer resources (icons) live with the other assets, not in a `build/` folder.
    buildResources: 'assets/icons',
  },

  files: [
    'package.json',
    'dist/electron/**/*',
    'dist/web/**/*',
    'assets/examples/*.dwire',
    // Never ship source maps or tests, even if a build left some in dist/.
    '!**/*.map',
    '!**/*.{test,spec}.*',
  ],
  asar: true,
  // Resolving to false: node_modules are "handled outside electron-builder", so none are copied
  // (and nothing is rebuilt for Electron). The bundles need none; see the header.
  beforeBuild: async () => false,
  // Chromium's own UI strings: the app speaks English and Korean, so the other ~50 locale packs
  // (about 40 MB unpacked) stay out.
  electronLanguages: ['en', 'ko'],
  // Electron derives its Wayland app id / WM_CLASS from desktopName; it must match the .desktop
  // file (linux.syncDesktopName) so the window and the launcher icon belong together.
  // The author names the publisher in Windows' file properties and the deb's vendor.
  extraMetadata: {
    desktopName: 'deepwire.desktop',
    author: { name: 'DeepWire contributors', email: 'engineer@deepwire.dev' },
  },
  // No auto-update feed: the release workflow uploads the installers itself.
  publish: null,

  // Hardening switches compiled into the Electron binary (https://www.electronjs.org/docs/latest/tutorial/fuses).
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The editor is served from app://, never file://.
    grantFileProtocolExtraPrivileges: false,
  },

  fileAssociations: [
    {
      ext: 'dwire',
      name: 'DeepWire project',
      description: 'DeepWire project',
      role: 'Editor',
      rank: 'Owner',
      // document.icns (macOS) / document.ico (Windows) in buildResources; Linux desktops draw
      // their generic document icon for the MIME type.
      icon: 'document',
      mimeType: 'application/x-deepwire-project',
    },
  ],

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'assets/icons/icon.ico',
  },
  nsis: {
    oneClick: true,
    perMachine: false,
    // Projects and backups in the user's data folder outlive an uninstall.
    deleteAppDataOnUninstall: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },

  mac: {
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    icon: 'assets/icons/icon.icns',
    category: 'public.app-category.education',
    artifactName: '${productName}-${version}-mac-${arch}.${ext}',
    darkModeSupport: true,
    // With a Developer ID certificate: hardened runtime (electron-builder's default entitlements
    // for Electron) and notarisation when the APPLE_* variables are set. Without one: an ad-hoc
    // signature, which Apple silicon needs to launch the app at all after the fuses changed the
    // binary, and no hardened runtime (its library validation rejects Electron's frameworks
    // under an ad-hoc signature). Users then open the unsigned app with right-click → Open.
    ...(hasMacCertificate ? { hardenedRuntime: true } : { identity: '-', hardenedRuntime: false }),
  },
  dmg: {
    artifactName: '${productName}-${version}-mac-${arch}.${ext}',
  },

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'assets/icons/png',
    executableName: 'deepwire',
    syncDesktopName: true,
    category: 'Education;Development;ArtificialIntelligence',
    maintainer: 'DeepWire contributors <engineer@deepwire.dev>',
    vendor: 'DeepWire contributors',
    synopsis: 'Build neural networks by wiring nodes and watch them learn',
  },
  appImage: {
    artifactName: '${productName}-${version}-linux-${arch}.${ext}',
  },
  deb: {
    packageCategory: 'education',
    priority: 'optional',
  },
};
