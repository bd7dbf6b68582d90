import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { ElMessage } from 'element-plus';
import App from './app.vue';
import { router } from './router';
import { i18n } from './locales';
import { installRequestClient } from './api/client';
import './plugins/element-plus';
import { useUserStore } from './store/user';
import './styles/index.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);

installRequestClient({
  router,
  notify: (text) => ElMessage({ type: 'error', message: text, grouping: true, showClose: true }),
  onUnauthenticated: () => useUserStore(pinia).clear(),
});

app.use(router);
void router.isReady().then(() => app.mount('#app'));
