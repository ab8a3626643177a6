import {
  AppShell,
  Box,
  Burger,
  Button,
  Divider,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import type { ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrentUser, useLogout } from '../api/session.api';
import { RoleBadges } from '../components/badges';
import { LoadingBlock } from '../components/api-error';
import { Icon } from '../components/icons';
import { LanguageSwitcher } from '../components/language-switcher';
import { changeLanguage } from '../i18n/i18n';
import { NAV_SECTIONS, visibleNavItems } from '../navigation';
import type { NavItem } from '../navigation';
import { NotificationsBell } from './notifications-bell';
import classes from './app-shell.module.css';

function isActive(item: NavItem, pathname: string): boolean {
  if (item.path === '/') return pathname === '/';
  // The most specific item wins: /organisation/audit must not also light up /organisation.
  return pathname === item.path || pathname.startsWith(`${item.path}/`);
}

/** Signs out, then leaves for the login page (whether or not the server answered). */
function SignOutButton(props: ButtonProps & { 'data-testid': string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const signOut = () => {
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
  };
  return (
    <Button
      size="xs"
      leftSection={<Icon name="logout" size={16} />}
      onClick={signOut}
      loading={logout.isPending}
      {...props}
    >
      {t('shell.signOut')}
    </Button>
  );
}

export function AppShellLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  const [navOpened, nav] = useDisclosure(false);

  // The language saved on the user wins when the session starts (another device may have changed it).
  useEffect(() => {
    void changeLanguage(user.language);
  }, [user.language]);

  const items = visibleNavItems(user);
  const activeItem = items
    .filter((item) => isActive(item, location.pathname))
    .sort((a, b) => b.path.length - a.path.length)[0];

  const pageTitle = activeItem ? t(`nav.items.${activeItem.id}.label`) : null;
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} — OpenAEO` : 'OpenAEO';
  }, [pageTitle]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <a href="#main-content" className={classes.skipLink}>
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              color="white"
              aria-label={navOpened ? t('shell.closeNavigation') : t('shell.openNavigation')}
            />
            <UnstyledButton
              component={Link}
              to="/"
              className={classes.brand}
              aria-label={t('shell.homeLink')}
            >
              <Icon name="shield" size={26} />
              <Box>
                <Text fw={700} size="lg" lh={1.1} c="white">
                  OpenAEO
                </Text>
                <Text size="xs" lh={1.1} c="customs.1" visibleFrom="md">
                  {t('shell.tagline')}
                </Text>
              </Box>
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationsBell />
            <LanguageSwitcher />
            <Stack gap={2} align="flex-end" visibleFrom="md" className={classes.userBlock}>
              <Text size="sm" fw={600} c="white" lh={1.2} data-testid="current-user-name">
                {user.name}
              </Text>
              <RoleBadges roles={user.roles} />
            </Stack>
            {/* One sign-out in the header on wide screens, another under the menu on narrow ones. */}
            <SignOutButton variant="white" visibleFrom="sm" data-testid="logout-button" />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('shell.mainNavigation')}>
        <AppShell.Section grow component={ScrollArea}>
          {NAV_SECTIONS.map((section) => {
            const sectionItems = items.filter((item) => item.section === section);
            if (sectionItems.length === 0) return null;
            const headingId = `nav-section-${section}`;
            return (
              <Box key={section} mb="md" role="group" aria-labelledby={headingId}>
                <Text id={headingId} size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                  {t(`nav.sections.${section}`)}
                </Text>
                {sectionItems.map((item) => {
                  const active = item === activeItem;
                  return (
                    <NavLink
                      key={item.id}
                      component={Link}
                      to={item.path}
                      label={t(`nav.items.${item.id}.label`)}
                      leftSection={<Icon name={item.icon} />}
                      active={active}
                      aria-current={active ? 'page' : undefined}
                      data-testid={item.testId}
                      onClick={nav.close}
                      className={classes.navLink}
                    />
                  );
                })}
              </Box>
            );
          })}
        </AppShell.Section>
        <AppShell.Section>
          <Divider mb="sm" />
          <Box px="sm" hiddenFrom="md">
            <Text size="sm" fw={600}>
              {user.name}
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {user.email}
            </Text>
            <RoleBadges roles={user.roles} />
            <SignOutButton
              mt="sm"
              variant="light"
              fullWidth
              hiddenFrom="sm"
              data-testid="logout-button-mobile"
            />
          </Box>
          <Text size="xs" c="dimmed" px="sm" visibleFrom="md">
            {user.email}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} className={classes.main}>
        <VisuallyHidden aria-live="polite">{pageTitle ?? ''}</VisuallyHidden>
        <Suspense fallback={<LoadingBlock />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
